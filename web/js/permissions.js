// A table's permissions: a grid of roles by operation (insert, select, update, delete); a cell
// opens the permission as JSON (filter, check, columns, set, …) to edit, save or delete.

import { metadata } from "./api.js";
import { h, notice, replace, showError } from "./dom.js";
import { reloadTable } from "./model.js";

const operations = ["insert", "select", "update", "delete"];

/** A starting permission for a new cell: everything allowed, to narrow down. */
function template(operation) {
  switch (operation) {
    case "insert": return { check: {}, columns: "*", set: {} };
    case "select": return { filter: {}, columns: "*", allow_aggregations: false };
    case "update": return { filter: {}, check: null, columns: "*", set: {} };
    default: return { filter: {} };
  }
}

function summary(permission) {
  const rows = permission.filter || permission.check || {};
  const all = Object.keys(rows).length === 0;
  const columns = permission.columns === "*" ? "all columns" : permission.columns ? permission.columns.length + " columns" : "";
  return (all ? "all rows" : "some rows") + (columns ? ", " + columns : "");
}

export async function render(body, source, table) {
  const entry = table.entry;
  const roles = new Set();
  for (const operation of operations) for (const permission of entry[operation + "_permissions"] || []) roles.add(permission.role);
  const editor = h("div");
  const refresh = async () => {
    const found = await reloadTable(source, table);
    if (found) render(body, found.source, found.table);
  };

  function open(role, operation) {
    const existing = (entry[operation + "_permissions"] || []).find((permission) => permission.role === role);
    const text = h("textarea", { rows: 12, spellcheck: "false", class: "code", id: "permission-json" },
      JSON.stringify(existing ? existing.permission : template(operation), null, 2));
    const message = h("div");
    const save = async () => {
      let permission;
      try {
        permission = JSON.parse(text.value);
      } catch (error) {
        return replace(message, notice("error", "Not JSON: " + error.message));
      }
      const args = { source: source.name, table: table.ref, role };
      const calls = [];
      if (existing) calls.push({ type: source.prefix + "drop_" + operation + "_permission", args });
      calls.push({ type: source.prefix + "create_" + operation + "_permission", args: Object.assign({ permission }, args) });
      try {
        await metadata("bulk", calls);
        await refresh();
      } catch (error) {
        showError(message, error);
      }
    };
    const remove = async () => {
      try {
        await metadata(source.prefix + "drop_" + operation + "_permission", { source: source.name, table: table.ref, role });
        await refresh();
      } catch (error) {
        showError(message, error);
      }
    };
    replace(editor, h("div", { class: "panel" },
      h("h3", {}, `${operation} permission for ${role}`),
      h("p", { class: "muted" }, "Session variables such as X-Hasura-User-Id may be used in filters and checks."),
      text, message,
      h("div", {}, h("button", { type: "button", id: "save-permission", onclick: save }, "Save"),
        existing ? h("button", { type: "button", class: "danger", onclick: remove }, "Delete") : null,
        h("button", { type: "button", onclick: () => replace(editor) }, "Close"))));
  }

  const newRole = h("input", { placeholder: "new role", size: 12, "aria-label": "new role" });
  const row = (role) => h("tr", {}, h("th", {}, role), operations.map((operation) => {
    const permission = (entry[operation + "_permissions"] || []).find((candidate) => candidate.role === role);
    return h("td", {},
      h("button", { type: "button", class: "cell " + (permission ? "allowed" : "denied"), dataset: { role, operation },
        title: permission ? summary(permission.permission) : "no access", onclick: () => open(role, operation) },
      permission ? "✓ " + summary(permission.permission) : "✗"));
  }));
  replace(body,
    h("table", { class: "rows permissions", id: "permissions" },
      h("thead", {}, h("tr", {}, h("th", {}, "role"), operations.map((operation) => h("th", {}, operation)))),
      h("tbody", {},
        h("tr", {}, h("th", {}, "admin"), operations.map(() => h("td", { class: "muted" }, "✓ all"))),
        [...roles].sort().map(row),
        h("tr", {}, h("th", {}, newRole), operations.map((operation) => h("td", {},
          h("button", { type: "button", class: "cell", dataset: { newOperation: operation },
            onclick: () => newRole.value.trim() && open(newRole.value.trim(), operation) }, "+")))))),
    editor);
}
