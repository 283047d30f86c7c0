// Actions: each with its SDL (built from the definition and the custom types it uses), handler,
// kind, timeout and the roles allowed; the definition can be edited and saved (update_action).

import { metadata } from "./api.js";
import { dataTable, h, notice, replace, showError } from "./dom.js";
import { loadMetadata } from "./model.js";

function baseType(type) {
  return type.replace(/[[\]!]/g, "");
}

/** The action's SDL as Hasura's actions.graphql holds it, with the custom types it reaches. */
export function actionSDL(action, customTypes) {
  const definition = action.definition || {};
  const root = definition.type === "query" ? "Query" : "Mutation";
  const args = (definition.arguments || []).map((argument) => `${argument.name}: ${argument.type}`).join(", ");
  const lines = [`type ${root} {`, `  ${action.name}${args ? "(" + args + ")" : ""}: ${definition.output_type}`, "}"];
  const byName = new Map();
  for (const kind of ["objects", "input_objects", "enums", "scalars"]) {
    for (const type of (customTypes || {})[kind] || []) byName.set(type.name, { kind, type });
  }
  const seen = new Set();
  const pending = [definition.output_type, ...(definition.arguments || []).map((argument) => argument.type)].map(baseType);
  while (pending.length) {
    const name = pending.shift();
    if (seen.has(name) || !byName.has(name)) continue;
    seen.add(name);
    const { kind, type } = byName.get(name);
    lines.push("");
    if (kind === "scalars") lines.push(`scalar ${name}`);
    else if (kind === "enums") lines.push(`enum ${name} {`, ...type.values.map((value) => "  " + value.value), "}");
    else {
      lines.push(`${kind === "objects" ? "type" : "input"} ${name} {`);
      for (const field of type.fields || []) {
        lines.push(`  ${field.name}: ${field.type}`);
        pending.push(baseType(field.type));
      }
      lines.push("}");
    }
  }
  return lines.join("\n");
}

export async function render(container, params) {
  const exported = await loadMetadata();
  const actions = exported.actions || [];
  if (!params.name) {
    return replace(container, h("div", { class: "toolbar" }, h("h1", {}, "Actions")),
      actions.length ? dataTable(["action", "type", "kind", "handler", "roles"], actions.map((action) => [
        h("a", { href: "/console/actions/" + encodeURIComponent(action.name) }, action.name),
        action.definition.type || "mutation", action.definition.kind || "synchronous", action.definition.handler,
        (action.permissions || []).map((permission) => permission.role).join(", "),
      ]), { id: "actions" }) : h("p", { class: "muted" }, "No actions. Declare them in actions.graphql and actions.yaml."));
  }
  const action = actions.find((candidate) => candidate.name === params.name);
  if (!action) return replace(container, notice("error", "No action named " + params.name));
  const message = h("div");
  const definition = h("textarea", { class: "code", rows: 14, spellcheck: "false", id: "action-definition" },
    JSON.stringify(action.definition, null, 2));
  const save = async () => {
    try {
      await metadata("update_action", { name: action.name, definition: JSON.parse(definition.value), comment: action.comment });
      replace(message, notice("success", "Action saved."));
    } catch (error) {
      showError(message, error);
    }
  };
  replace(container,
    h("div", { class: "toolbar" }, h("h1", {}, h("a", { href: "/console/actions" }, "Actions"), " / ", action.name)),
    h("dl", { class: "facts" },
      h("dt", {}, "Handler"), h("dd", { id: "action-handler" }, action.definition.handler),
      h("dt", {}, "Kind"), h("dd", {}, action.definition.kind || "synchronous"),
      h("dt", {}, "Timeout"), h("dd", {}, (action.definition.timeout || 30) + " s"),
      h("dt", {}, "Forwards client headers"), h("dd", {}, String(!!action.definition.forward_client_headers)),
      h("dt", {}, "Roles"), h("dd", {}, (action.permissions || []).map((permission) => permission.role).join(", ") || "admin only")),
    h("h2", {}, "SDL"), h("pre", { class: "code", id: "action-sdl" }, actionSDL(action, exported.custom_types)),
    h("h2", {}, "Definition"), definition, message, h("button", { type: "button", onclick: save }, "Save definition"));
}
