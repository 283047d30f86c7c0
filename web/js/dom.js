// Small DOM helpers shared by the views: an element builder, tables of rows, notices.

/** `h("button", {class: "x", onclick: f}, "text", child)`: an element with attributes and children. */
export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") element.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(element.dataset, value);
    else if (key === "value") element.value = value;
    else element.setAttribute(key, value === true ? "" : value);
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** How a cell shows a value: null as NULL, objects as JSON. */
export function cellText(value) {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** A `<table>` of rows: `columns` are header labels, `rows` arrays of cells (nodes or values). */
export function dataTable(columns, rows, attributes) {
  return h("table", Object.assign({ class: "rows" }, attributes || {}),
    h("thead", {}, h("tr", {}, columns.map((column) => h("th", {}, column)))),
    h("tbody", {}, rows.map((row) => h("tr", {}, row.map((cell) =>
      h("td", { class: cell === null ? "null" : null }, cell instanceof Node ? cell : cellText(cell)))))));
}

/** A message box: kind is `error`, `success` or `info`. */
export function notice(kind, message, details) {
  return h("div", { class: "notice " + kind, role: kind === "error" ? "alert" : "status" },
    message, details ? h("pre", {}, typeof details === "string" ? details : JSON.stringify(details, null, 2)) : null);
}

/** Shows an error thrown by an API call in `element`. */
export function showError(element, error) {
  replace(element, notice("error", error.message, error.body && error.body !== error.message ? error.body : null));
}

/** Pretty JSON in a `<pre>`. */
export function jsonBlock(value, attributes) {
  return h("pre", Object.assign({ class: "json" }, attributes || {}), JSON.stringify(value, null, 2));
}

/** Tabs: `[{id, label, href}]`, the current one marked. */
export function tabs(items, current) {
  return h("nav", { class: "tabs" }, items.map((item) =>
    h("a", { href: item.href, class: item.id === current ? "current" : null, dataset: { tab: item.id } }, item.label)));
}
