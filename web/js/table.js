// One tracked table: browse its rows (pages, sorting, a filter), insert, edit and delete rows
// through the GraphQL mutations, and its relationships and permissions in the metadata.

import { graphql } from "./api.js";
import { h, notice, replace, showError, tabs } from "./dom.js";
import { findTable, loadMetadata, sources, tablePath } from "./model.js";

const pageSize = 10;
const operators = ["_eq", "_neq", "_gt", "_gte", "_lt", "_lte", "_like", "_ilike", "_is_null"];

/** The table's columns from introspection: `[{field, type, scalar, nullable, isKey}]`. */
async function describe(table) {
  const data = await graphql(`query ($object: String!, $keys: String!) {
    object: __type(name: $object) { fields { name type { ...Ref } } }
    keys: __type(name: $keys) { inputFields { name } }
  }
  fragment Ref on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`,
  { object: table.types.object, keys: table.types.pkColumns });
  if (!data.object) throw new Error(`The type ${table.types.object} is not in the schema.`);
  const keys = new Set((data.keys ? data.keys.inputFields : []).map((field) => field.name));
  const columns = [];
  for (const field of data.object.fields) {
    let type = field.type;
    const nullable = type.kind !== "NON_NULL";
    while (type.kind === "NON_NULL") type = type.ofType;
    if (type.kind !== "SCALAR" && type.kind !== "ENUM") continue;
    columns.push({ field: field.name, scalar: type.name, nullable, isKey: keys.has(field.name) });
  }
  // Key columns first, then the others as the schema lists them.
  return columns.filter((column) => column.isKey).concat(columns.filter((column) => !column.isKey));
}

/** Reads a form value as the column's JSON value. */
export function parseValue(text, scalar) {
  if (/^(Int|Float|bigint|smallint|numeric|float8|real|integer)$/.test(scalar) && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text.trim())) {
    return Number(text);
  }
  if (scalar === "Boolean" && /^(true|false)$/i.test(text.trim())) return text.trim().toLowerCase() === "true";
  if (/^jsonb?$/.test(scalar)) {
    try {
      return JSON.parse(text);
    } catch (error) {
      return text;
    }
  }
  return text;
}

function inputText(value) {
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

export async function render(container, params) {
  const found = findTable(sources(await loadMetadata()), params.source, params.schema, params.table);
  if (!found) return replace(container, notice("error", `The table ${params.schema}.${params.table} is not tracked.`));
  const { source, table } = found;
  const base = "/console/data/" + tablePath(source, table);
  const body = h("div", { class: "tab-body" });
  replace(container,
    h("div", { class: "toolbar" }, h("h1", {}, h("a", { href: "/console/data" }, "Data"), " / ", table.label)),
    tabs([
      { id: "browse", label: "Browse rows", href: base + "/browse" },
      { id: "insert", label: "Insert row", href: base + "/insert" },
      { id: "relationships", label: "Relationships", href: base + "/relationships" },
      { id: "permissions", label: "Permissions", href: base + "/permissions" },
    ], params.tab), body);
  if (params.tab === "relationships") return (await import("./relationships.js")).render(body, source, table);
  if (params.tab === "permissions") return (await import("./permissions.js")).render(body, source, table);
  const columns = await describe(table);
  if (params.tab === "insert") return renderInsert(body, table, columns, base);
  return renderBrowse(body, table, columns);
}

function renderBrowse(body, table, columns) {
  const keys = columns.filter((column) => column.isKey);
  const state = { offset: 0, orderBy: keys.length ? [{ [keys[0].field]: "asc" }] : [], where: {} };
  const grid = h("div", { class: "grid" });
  const pager = h("div", { class: "pager" });
  const message = h("div");

  const filterColumn = h("select", { "aria-label": "filter column" }, columns.map((column) => h("option", {}, column.field)));
  const filterOperator = h("select", { "aria-label": "filter operator" }, operators.map((op) => h("option", {}, op)));
  const filterValue = h("input", { placeholder: "value", "aria-label": "filter value" });
  const applyFilter = () => {
    const column = columns.find((candidate) => candidate.field === filterColumn.value);
    const op = filterOperator.value;
    const text = filterValue.value;
    state.where = text === "" && op !== "_is_null" ? {}
      : { [column.field]: { [op]: op === "_is_null" ? text !== "false" : parseValue(text, column.scalar) } };
    state.offset = 0;
    load();
  };
  const filterForm = h("form", { class: "filter", onsubmit: (event) => { event.preventDefault(); applyFilter(); } },
    "Filter ", filterColumn, filterOperator, filterValue, h("button", { type: "submit" }, "Apply"),
    h("button", { type: "button", onclick: () => { filterValue.value = ""; state.where = {}; state.offset = 0; load(); } }, "Clear"));

  async function load() {
    const selection = columns.map((column) => column.field).join(" ");
    const query = `query ($where: ${table.types.boolExp}, $order: [${table.types.orderBy}!], $limit: Int, $offset: Int) {
      rows: ${table.fields.select}(where: $where, order_by: $order, limit: $limit, offset: $offset) { ${selection} }
      total: ${table.fields.aggregate}(where: $where) { aggregate { count } }
    }`;
    try {
      const data = await graphql(query, { where: state.where, order: state.orderBy, limit: pageSize, offset: state.offset });
      showRows(data.rows, data.total.aggregate.count);
    } catch (error) {
      showError(grid, error);
    }
  }

  function sortBy(field) {
    const current = state.orderBy[0] && state.orderBy[0][field];
    state.orderBy = [{ [field]: current === "asc" ? "desc" : "asc" }];
    load();
  }

  function showRows(rows, total) {
    const sortMark = (field) => {
      const direction = state.orderBy[0] && state.orderBy[0][field];
      return direction === "asc" ? " ▲" : direction === "desc" ? " ▼" : "";
    };
    const header = h("tr", {}, keys.length ? h("th", {}, "") : null, columns.map((column) =>
      h("th", {}, h("button", { type: "button", class: "link", dataset: { sort: column.field }, onclick: () => sortBy(column.field) },
        column.field + sortMark(column.field)))));
    const lines = rows.map((row) => {
      const cells = columns.map((column) => {
        const value = row[column.field];
        return h("td", { class: value === null ? "null" : null, dataset: { column: column.field } },
          value === null ? "NULL" : typeof value === "object" ? JSON.stringify(value) : String(value));
      });
      const actions = keys.length ? h("td", { class: "row-actions" },
        h("button", { type: "button", class: "small", onclick: () => editRow(row) }, "Edit"),
        h("button", { type: "button", class: "small danger", onclick: () => deleteRow(row) }, "Delete")) : null;
      return h("tr", {}, actions, cells);
    });
    replace(grid, h("table", { class: "rows", id: "rows" }, h("thead", {}, header), h("tbody", {}, lines)));
    const last = Math.min(state.offset + rows.length, total);
    replace(pager,
      h("button", { type: "button", disabled: state.offset === 0, onclick: () => { state.offset = Math.max(0, state.offset - pageSize); load(); } }, "Previous"),
      h("span", { class: "page-info" }, total ? `${state.offset + 1}–${last} of ${total}` : "no rows"),
      h("button", { type: "button", disabled: last >= total, onclick: () => { state.offset += pageSize; load(); } }, "Next"));
  }

  /** The `where` naming one row by its primary key. */
  const rowWhere = (row) => Object.fromEntries(keys.map((column) => [column.field, { _eq: row[column.field] }]));

  async function deleteRow(row) {
    if (!confirm("Delete this row?")) return;
    try {
      await graphql(`mutation ($where: ${table.types.boolExp}!) { ${table.fields.delete}(where: $where) { affected_rows } }`,
        { where: rowWhere(row) });
      replace(message, notice("success", "Row deleted."));
      load();
    } catch (error) {
      showError(message, error);
    }
  }

  function editRow(row) {
    const inputs = columns.map((column) => ({
      column,
      input: h("input", { name: column.field, value: inputText(row[column.field]), disabled: column.isKey }),
      isNull: column.nullable ? h("input", { type: "checkbox", checked: row[column.field] === null, "aria-label": column.field + " is null" }) : null,
    }));
    const form = h("form", {
      class: "row-form", id: "edit-row",
      onsubmit: async (event) => {
        event.preventDefault();
        const set = {};
        for (const { column, input, isNull } of inputs) {
          if (column.isKey) continue;
          const value = isNull && isNull.checked ? null : parseValue(input.value, column.scalar);
          if (JSON.stringify(value) !== JSON.stringify(row[column.field])) set[column.field] = value;
        }
        try {
          await graphql(`mutation ($where: ${table.types.boolExp}!, $set: ${table.types.object}_set_input) {
            ${table.fields.update}(where: $where, _set: $set) { affected_rows } }`,
          { where: rowWhere(row), set });
          replace(message, notice("success", "Row saved."));
          load();
        } catch (error) {
          showError(message, error);
        }
      },
    },
    h("h3", {}, "Edit row"),
    inputs.map(({ column, input, isNull }) => h("label", {}, h("span", {}, column.field, h("small", {}, " " + column.scalar)), input,
      isNull ? h("span", { class: "null-toggle" }, isNull, "null") : null)),
    h("div", {}, h("button", { type: "submit" }, "Save"), h("button", { type: "button", onclick: () => replace(message) }, "Cancel")));
    replace(message, form);
  }

  replace(body, filterForm, message, grid, pager);
  load();
}

function renderInsert(body, table, columns, base) {
  const message = h("div");
  const inputs = columns.map((column) => ({ column, input: h("input", { name: column.field, placeholder: column.nullable ? "default or null" : "" }) }));
  const form = h("form", {
    class: "row-form", id: "insert-row",
    onsubmit: async (event) => {
      event.preventDefault();
      const object = {};
      for (const { column, input } of inputs) {
        if (input.value !== "") object[column.field] = parseValue(input.value, column.scalar);
      }
      const keyFields = columns.filter((column) => column.isKey).map((column) => column.field);
      try {
        const data = await graphql(`mutation ($object: ${table.types.object}_insert_input!) {
          inserted: ${table.fields.insertOne}(object: $object) { ${(keyFields.length ? keyFields : [columns[0].field]).join(" ")} } }`,
        { object });
        replace(message, notice("success", "Row inserted: " + JSON.stringify(data.inserted)),
          h("a", { href: base + "/browse" }, "Browse rows"));
        for (const { input } of inputs) input.value = "";
      } catch (error) {
        showError(message, error);
      }
    },
  },
  inputs.map(({ column, input }) => h("label", {}, h("span", {}, column.field, h("small", {}, " " + column.scalar)), input)),
  h("div", {}, h("button", { type: "submit" }, "Insert")));
  replace(body, form, message);
}
