// Remote schemas: each with its URL, whether it is merged (or why not, from the inconsistency
// list), its root fields from the remote's introspection, and a reload button.

import { metadata } from "./api.js";
import { h, notice, replace, showError } from "./dom.js";
import { loadMetadata } from "./model.js";

export async function render(container) {
  const exported = await loadMetadata();
  const remotes = exported.remote_schemas || [];
  const inconsistent = await metadata("get_inconsistent_metadata", {});
  const problems = new Map(inconsistent.inconsistent_objects
    .filter((object) => object.type === "remote_schema")
    .map((object) => [(object.definition && object.definition.name) || String(object.name).replace(/^remote_schema /, ""), object.reason]));
  replace(container, h("div", { class: "toolbar" }, h("h1", {}, "Remote schemas")),
    remotes.length ? remotes.map((remote) => card(remote, problems.get(remote.name), () => render(container)))
      : h("p", { class: "muted" }, "No remote schemas. Add them in remote_schemas.yaml or with add_remote_schema."));
}

function card(remote, problem, refresh) {
  const definition = remote.definition || {};
  const fields = h("div", {}, "…");
  const message = h("div");
  const section = h("section", { class: "panel remote-schema", dataset: { remote: remote.name } },
    h("h2", {}, remote.name, " ", h("span", { class: "status " + (problem ? "failed" : "ok") }, problem ? "inconsistent" : "merged")),
    problem ? notice("error", problem) : null,
    h("p", {}, definition.url || (definition.url_from_env ? "from env " + definition.url_from_env : ""),
      definition.timeout_seconds ? ` (timeout ${definition.timeout_seconds} s)` : ""),
    h("p", { class: "muted" }, "Roles: ", (remote.permissions || []).map((permission) => permission.role).join(", ") || "admin only"),
    h("button", {
      type: "button",
      onclick: async () => {
        try {
          await metadata("reload_remote_schema", { name: remote.name });
          refresh();
        } catch (error) {
          showError(message, error);
        }
      },
    }, "Reload"), message, fields);
  if (problem) {
    replace(fields);
    return section;
  }
  metadata("introspect_remote_schema", { name: remote.name }).then((answer) => {
    const schema = answer.data.__schema;
    const root = (name) => name && schema.types.find((type) => type.name === name);
    const list = (label, type) => type ? [h("h4", {}, label), h("p", { class: "code" }, (type.fields || []).map((field) => field.name).join(", "))] : [];
    replace(fields, list("Query", root(schema.queryType && schema.queryType.name)),
      list("Mutation", root(schema.mutationType && schema.mutationType.name)));
  }).catch((error) => showError(fields, error));
  return section;
}
