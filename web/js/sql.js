// The SQL tab: runs SQL on a source through `/v2/query` `run_sql` and shows the rows as a table.
// Unless "read only" is ticked the server reloads its metadata afterwards, so new tables appear.

import { runSQL } from "./api.js";
import { dataTable, h, notice, replace, showError } from "./dom.js";
import { loadMetadata, sources } from "./model.js";

export async function render(container) {
  const all = sources(await loadMetadata());
  const source = h("select", { "aria-label": "source" }, all.map((candidate) => h("option", {}, candidate.name)));
  const sql = h("textarea", { id: "sql", rows: 10, spellcheck: "false", class: "code" },
    all[0] && all[0].tables[0] ? `SELECT * FROM ${all[0].tables[0].name} LIMIT 10;` : "SELECT 1;");
  const readOnly = h("input", { type: "checkbox", checked: true });
  const result = h("div", { id: "sql-result" });
  const run = async () => {
    replace(result, h("p", { class: "muted" }, "Running…"));
    try {
      const answer = await runSQL(sql.value, source.value, readOnly.checked);
      if (answer.result_type !== "TuplesOk") return replace(result, notice("success", "SQL executed."));
      const [header, ...rows] = answer.result;
      replace(result, h("p", { class: "muted" }, rows.length + " rows"),
        dataTable(header, rows.map((row) => row.map((value) => (value === "NULL" ? null : value)))));
    } catch (error) {
      showError(result, error);
    }
  };
  sql.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });
  replace(container,
    h("div", { class: "toolbar" }, h("h1", {}, h("a", { href: "/console/data" }, "Data"), " / SQL")),
    h("div", { class: "toolbar" }, "Source ", source, h("label", {}, readOnly, " read only"),
      h("button", { type: "button", id: "run-sql", onclick: run, title: "Ctrl+Enter" }, "Run")),
    sql, result);
}
