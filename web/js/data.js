// Data: each source's tracked tables with their row counts, the tables it does not track yet
// (with Track buttons), and the relationships its foreign keys suggest (with Add buttons).

import { graphql, metadata } from "./api.js";
import { h, replace, showError } from "./dom.js";
import { loadMetadata, sources, tablePath } from "./model.js";

/** The name Hasura's console proposes for a suggested relationship. */
export function relationshipName(suggestion) {
  const target = suggestion.to.table.name;
  return suggestion.type === "array" ? pluralize(target) : target;
}

export function pluralize(word) {
  const lower = word.toLowerCase();
  if (lower.endsWith("s") && !lower.endsWith("ss")) return word;
  if (/(ss|x|z|ch|sh)$/.test(lower)) return word + "es";
  if (/[^aeiou]y$/.test(lower)) return word.slice(0, -1) + "ies";
  return word + "s";
}

/** The `create_*_relationship` call adding a suggested relationship under `name`. */
export function relationshipCall(source, suggestion, name) {
  const from = suggestion.from;
  const to = suggestion.to;
  let using;
  if (from.constraint_name) {
    using = { foreign_key_constraint_on: from.columns.length === 1 ? from.columns[0] : from.columns };
  } else {
    using = {
      foreign_key_constraint_on: to.columns.length === 1
        ? { table: to.table, column: to.columns[0] } : { table: to.table, columns: to.columns },
    };
  }
  return {
    type: source.prefix + "create_" + suggestion.type + "_relationship",
    args: { source: source.name, table: from.table, name, using },
  };
}

function describeSuggestion(source, suggestion) {
  const schema = (table) => (table.schema && table.schema !== source.defaultSchema ? table.schema + "." : "");
  const columns = (side) => schema(side.table) + side.table.name + " (" + side.columns.join(", ") + ")";
  return columns(suggestion.from) + " → " + columns(suggestion.to);
}

/** A list of suggestions, each with a name field and an Add button. */
export function suggestionList(source, suggestions, onAdded) {
  if (!suggestions.length) return h("p", { class: "muted" }, "No relationships to suggest.");
  return h("ul", { class: "suggestions" }, suggestions.map((suggestion) => {
    const name = h("input", { value: relationshipName(suggestion), size: 14, "aria-label": "relationship name" });
    const status = h("span");
    const add = h("button", {
      type: "button", class: "small",
      onclick: async () => {
        const call = relationshipCall(source, suggestion, name.value.trim());
        try {
          await metadata(call.type, call.args);
          onAdded();
        } catch (error) {
          showError(status, error);
        }
      },
    }, "Add");
    return h("li", {},
      h("span", { class: "kind" }, suggestion.type), " ", describeSuggestion(source, suggestion), " as ", name, " ", add, status);
  }));
}

export async function render(container) {
  const exported = await loadMetadata();
  const all = sources(exported);
  replace(container,
    h("div", { class: "toolbar" }, h("h1", {}, "Data"), h("a", { href: "/console/data/sql", class: "button" }, "SQL")),
    all.map((source) => sourceSection(source, () => render(container))));
}

function sourceSection(source, refresh) {
  const tracked = h("ul", { class: "tables" }, source.tables.map((table) => {
    const count = h("span", { class: "count", dataset: { table: table.label } }, "…");
    graphql(`query { counted: ${table.fields.aggregate} { aggregate { count } } }`)
      .then((data) => { count.textContent = data.counted.aggregate.count + " rows"; })
      .catch((error) => { count.textContent = error.message; count.classList.add("error"); });
    return h("li", {}, h("a", { href: "/console/data/" + tablePath(source, table) + "/browse" }, table.label), " ", count);
  }));
  const untracked = h("div", {}, "…");
  const suggested = h("div", {}, "…");
  const section = h("section", { class: "source", dataset: { source: source.name } },
    h("h2", {}, source.name, " ", h("span", { class: "muted" }, source.kind)),
    h("h3", {}, "Tracked tables"),
    source.tables.length ? tracked : h("p", { class: "muted" }, "No tracked tables."),
    h("h3", {}, "Untracked tables"), untracked,
    h("h3", {}, "Untracked foreign-key relationships"), suggested);

  metadata(source.prefix + "get_source_tables", { source: source.name }).then((tables) => {
    const known = new Set(source.tables.map((table) => table.schema + "." + table.name));
    const rest = tables.filter((table) => !known.has((table.schema || source.defaultSchema) + "." + table.name));
    if (!rest.length) return replace(untracked, h("p", { class: "muted" }, "Every table is tracked."));
    const track = async (table, status) => {
      try {
        await metadata(source.prefix + "track_table", { source: source.name, table });
        refresh();
      } catch (error) {
        showError(status, error);
      }
    };
    const status = h("div");
    replace(untracked,
      h("ul", { class: "tables" }, rest.map((table) => h("li", { dataset: { untracked: table.name } },
        (table.schema && table.schema !== source.defaultSchema ? table.schema + "." : "") + table.name, " ",
        h("button", { type: "button", class: "small", onclick: () => track(table, status) }, "Track")))),
      h("button", {
        type: "button",
        onclick: async () => {
          try {
            await metadata("bulk", rest.map((table) => ({
              type: source.prefix + "track_table", args: { source: source.name, table },
            })));
            refresh();
          } catch (error) {
            showError(status, error);
          }
        },
      }, "Track all"), status);
  }).catch((error) => showError(untracked, error));

  metadata(source.prefix + "suggest_relationships", { source: source.name, omit_tracked: true })
    .then((answer) => replace(suggested, suggestionList(source, answer.relationships, refresh)))
    .catch((error) => showError(suggested, error));
  return section;
}

