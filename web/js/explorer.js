// The GraphiQL-like explorer: a highlighting, completing editor; variables and request-header
// panes; run (Ctrl+Enter) as admin or as a role (x-hasura-role); prettify; a history kept in
// local storage; and a docs browser over the schema the chosen role sees.

import { graphqlRaw } from "./api.js";
import { createEditor } from "./graphql-editor.js";
import { typeString } from "./graphql-language.js";
import { h, replace } from "./dom.js";

const historyKey = "ministack.history";
const queryKey = "ministack.query";
const historyLimit = 50;

const introspectionQuery = `query IntrospectionQuery {
  __schema {
    queryType { name } mutationType { name } subscriptionType { name }
    types { ...FullType }
  }
}
fragment FullType on __Type {
  kind name description
  fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } }`;

function readHistory() {
  try {
    return JSON.parse(localStorage.getItem(historyKey) || "[]");
  } catch (error) {
    return [];
  }
}

function remember(query, variables) {
  const entries = readHistory().filter((entry) => entry.query !== query);
  entries.unshift({ query, variables, at: new Date().toISOString() });
  localStorage.setItem(historyKey, JSON.stringify(entries.slice(0, historyLimit)));
}

/** The operation's name, or its first root field, to label a history entry. */
function label(query) {
  const named = query.match(/\b(query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/);
  if (named) return named[1] + " " + named[2];
  const field = query.replace(/#.*$/gm, "").match(/\{\s*([_A-Za-z][_0-9A-Za-z]*)/);
  return field ? field[1] : query.slice(0, 30);
}

export async function render(container) {
  let schema = null;
  const role = h("input", { id: "role", placeholder: "admin", size: 10, value: sessionStorage.getItem("ministack.role") || "" });
  const queryArea = h("textarea", { id: "query", spellcheck: "false", "aria-label": "GraphQL query" },
    localStorage.getItem(queryKey) || "query {\n  __typename\n}\n");
  const variables = h("textarea", { id: "variables", spellcheck: "false", class: "code", rows: 5 }, "{}");
  const headers = h("textarea", { id: "headers", spellcheck: "false", class: "code", rows: 4 }, "{}");
  const result = h("pre", { id: "result", "aria-live": "polite" });
  const status = h("span", { class: "muted", id: "run-status" });
  const side = h("aside", { class: "side", hidden: true });

  function requestHeaders() {
    const extra = JSON.parse(headers.value.trim() || "{}");
    if (role.value.trim()) extra["x-hasura-role"] = role.value.trim();
    return extra;
  }

  async function loadSchema() {
    try {
      const body = await graphqlRaw(introspectionQuery, {}, requestHeaders());
      schema = body.data ? body.data.__schema : null;
    } catch (error) {
      schema = null;
    }
    if (!side.hidden && side.dataset.panel === "docs") showDocs();
  }

  async function run() {
    let vars;
    let extra;
    try {
      vars = JSON.parse(variables.value.trim() || "{}");
      extra = requestHeaders();
    } catch (error) {
      result.textContent = "Variables and headers must be JSON: " + error.message;
      return;
    }
    const query = editor.getValue();
    localStorage.setItem(queryKey, query);
    remember(query, variables.value);
    status.textContent = "Running…";
    const started = performance.now();
    try {
      const body = await graphqlRaw(query, vars, extra);
      result.textContent = JSON.stringify(body, null, 2);
      result.classList.toggle("has-errors", !!body.errors);
    } catch (error) {
      result.textContent = error.message;
    }
    status.textContent = Math.round(performance.now() - started) + " ms";
    if (side.dataset.panel === "history" && !side.hidden) showHistory();
  }

  let editor = null;

  function toggle(panel, show) {
    const open = side.hidden || side.dataset.panel !== panel;
    side.hidden = !open;
    side.dataset.panel = panel;
    if (open) show();
  }

  function showHistory() {
    const entries = readHistory();
    replace(side, h("h3", {}, "History"),
      entries.length ? h("ul", { class: "history", id: "history" }, entries.map((entry) => h("li", {},
        h("button", { type: "button", class: "link", title: entry.query, onclick: () => {
          editor.setValue(entry.query);
          variables.value = entry.variables || "{}";
        } }, label(entry.query)), h("small", { class: "muted" }, " " + entry.at.replace("T", " ").slice(0, 19)))))
        : h("p", { class: "muted" }, "Queries you run appear here."),
      entries.length ? h("button", { type: "button", class: "small", onclick: () => { localStorage.removeItem(historyKey); showHistory(); } }, "Clear") : null);
  }

  const docsTrail = [];
  function showDocs(typeName) {
    if (typeName === undefined) docsTrail.length = 0;
    else docsTrail.push(typeName);
    const current = docsTrail[docsTrail.length - 1];
    if (!schema) return replace(side, h("h3", {}, "Docs"), h("p", { class: "muted" }, "No schema (is the role allowed anything?)."));
    const typeLink = (ref) => {
      let named = ref;
      while (named.ofType) named = named.ofType;
      return h("button", { type: "button", class: "link type", onclick: () => showDocs(named.name) }, typeString(ref));
    };
    const back = docsTrail.length ? h("button", { type: "button", class: "small", onclick: () => {
      docsTrail.pop();
      const previous = docsTrail.pop();
      showDocs(previous);
    } }, "‹ Back") : null;
    if (!current) {
      const search = h("input", { placeholder: "Search types", id: "docs-search" });
      const list = h("ul", { class: "docs-types" });
      const fill = () => replace(list, schema.types
        .filter((type) => !type.name.startsWith("__") && type.name.toLowerCase().includes(search.value.toLowerCase()))
        .map((type) => h("li", {}, h("button", { type: "button", class: "link type", onclick: () => showDocs(type.name) }, type.name),
          h("small", { class: "muted" }, " " + type.kind.toLowerCase()))));
      search.addEventListener("input", fill);
      fill();
      const roots = [schema.queryType, schema.mutationType, schema.subscriptionType].filter(Boolean);
      return replace(side, h("h3", {}, "Docs"),
        h("p", {}, "Root types: ", roots.map((root) => h("button", { type: "button", class: "link type", onclick: () => showDocs(root.name) }, root.name + " "))),
        search, list);
    }
    const type = schema.types.find((candidate) => candidate.name === current);
    if (!type) return replace(side, back, h("p", {}, "Unknown type " + current));
    const argumentsOf = (field) => field.args && field.args.length
      ? ["(", field.args.map((argument, index) => [index ? ", " : "", h("span", { class: "arg" }, argument.name), ": ", typeLink(argument.type)]), ")"] : [];
    replace(side, back, h("h3", { id: "docs-type" }, type.name, " ", h("small", { class: "muted" }, type.kind.toLowerCase())),
      type.description ? h("p", { class: "description" }, type.description) : null,
      type.fields ? h("ul", { class: "docs-fields" }, type.fields.map((field) => h("li", {},
        h("strong", {}, field.name), argumentsOf(field), ": ", typeLink(field.type),
        field.description ? h("div", { class: "description" }, field.description) : null))) : null,
      type.inputFields ? h("ul", { class: "docs-fields" }, type.inputFields.map((field) => h("li", {},
        h("strong", {}, field.name), ": ", typeLink(field.type)))) : null,
      type.enumValues ? h("ul", { class: "docs-fields" }, type.enumValues.map((value) => h("li", {}, value.name))) : null,
      type.possibleTypes ? h("p", {}, "Possible types: ", type.possibleTypes.map((possible) => typeLink(possible))) : null);
  }

  const prettifyMessage = h("span", { class: "error-text" });
  role.addEventListener("change", () => {
    sessionStorage.setItem("ministack.role", role.value.trim());
    loadSchema();
  });
  replace(container, h("div", { class: "explorer" },
    h("div", { class: "toolbar" },
      h("button", { type: "button", id: "run", title: "Ctrl+Enter", onclick: run }, "▶ Run"),
      h("button", { type: "button", id: "prettify", onclick: () => { prettifyMessage.textContent = editor.prettify() || ""; } }, "Prettify"),
      h("button", { type: "button", id: "history-button", onclick: () => toggle("history", showHistory) }, "History"),
      h("button", { type: "button", id: "docs-button", onclick: () => toggle("docs", () => showDocs()) }, "Docs"),
      h("label", {}, "Role ", role), status, prettifyMessage),
    h("div", { class: "explorer-panes" },
      h("section", { class: "editor-pane" }, h("div", { class: "editor-host" }, queryArea),
        h("details", { open: true }, h("summary", {}, "Variables"), variables),
        h("details", {}, h("summary", {}, "Request headers"), headers)),
      h("section", { class: "result-pane" }, result),
      side)));
  editor = createEditor(queryArea, { getSchema: () => schema, onRun: run });
  loadSchema();
}
