// A table's relationships: those in the metadata (rename, drop), the ones its foreign keys
// suggest (add), and a form for a manual relationship (remote table and column mapping).

import { metadata } from "./api.js";
import { dataTable, h, replace, showError } from "./dom.js";
import { suggestionList } from "./data.js";
import { reloadTable } from "./model.js";

function usingText(using) {
  if (!using) return "";
  if (using.foreign_key_constraint_on !== undefined) {
    const on = using.foreign_key_constraint_on;
    if (typeof on === "string" || Array.isArray(on)) return "foreign key on " + [].concat(on).join(", ");
    return "foreign key on " + (on.table.name || on.table) + " (" + [].concat(on.column || on.columns).join(", ") + ")";
  }
  const manual = using.manual_configuration || {};
  const remote = manual.remote_table || {};
  return "manual: " + (remote.name || remote) + " " + Object.entries(manual.column_mapping || {})
    .map(([local, other]) => local + " → " + other).join(", ");
}

export async function render(body, source, table) {
  const refresh = async () => {
    const found = await reloadTable(source, table);
    if (found) render(body, found.source, found.table);
  };
  const message = h("div");
  const call = async (type, args) => {
    try {
      await metadata(source.prefix + type, Object.assign({ source: source.name, table: table.ref }, args));
      await refresh();
    } catch (error) {
      showError(message, error);
    }
  };
  const existing = [];
  for (const kind of ["object", "array"]) {
    for (const relationship of table.entry[kind + "_relationships"] || []) existing.push({ kind, relationship });
  }
  const rows = existing.map(({ kind, relationship }) => [
    relationship.name, kind, usingText(relationship.using),
    h("span", {},
      h("button", { type: "button", class: "small", onclick: () => {
        const name = prompt("New name for " + relationship.name, relationship.name);
        if (name && name !== relationship.name) call("rename_relationship", { name: relationship.name, new_name: name });
      } }, "Rename"),
      h("button", { type: "button", class: "small danger", onclick: () => {
        if (confirm("Drop the relationship " + relationship.name + "?")) call("drop_relationship", { relationship: relationship.name });
      } }, "Drop")),
  ]);
  const suggested = h("div", {}, "…");
  replace(body, message,
    h("h3", {}, "Relationships"),
    existing.length ? dataTable(["name", "type", "using", ""], rows, { id: "relationships" }) : h("p", { class: "muted" }, "None yet."),
    h("h3", {}, "Suggested from foreign keys"), suggested,
    h("h3", {}, "Add a manual relationship"), manualForm(source, table, call));
  try {
    const answer = await metadata(source.prefix + "suggest_relationships",
      { source: source.name, tables: [table.ref], omit_tracked: true });
    replace(suggested, suggestionList(source, answer.relationships, refresh));
  } catch (error) {
    showError(suggested, error);
  }
}

function manualForm(source, table, call) {
  const name = h("input", { placeholder: "name", required: true });
  const kind = h("select", {}, h("option", {}, "object"), h("option", {}, "array"));
  const remote = h("select", {}, source.tables.map((other) => h("option", { value: JSON.stringify(other.ref) }, other.label)));
  const mapping = h("input", { placeholder: "author_id:id, …", size: 30, required: true });
  return h("form", {
    class: "inline-form",
    onsubmit: (event) => {
      event.preventDefault();
      const columnMapping = {};
      for (const pair of mapping.value.split(",")) {
        const [local, other] = pair.split(":").map((part) => part && part.trim());
        if (local && other) columnMapping[local] = other;
      }
      call("create_" + kind.value + "_relationship", {
        name: name.value.trim(),
        using: { manual_configuration: { remote_table: JSON.parse(remote.value), column_mapping: columnMapping } },
      });
    },
  }, name, kind, " to ", remote, " mapping ", mapping, h("button", { type: "submit" }, "Add"));
}

