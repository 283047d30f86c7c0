// Metadata: whether it is consistent (each inconsistent object and why), reload, export as
// JSON (shown and downloadable), and dropping the inconsistent objects.

import { metadata } from "./api.js";
import { dataTable, h, jsonBlock, notice, replace, showError } from "./dom.js";
import { refreshConsistency } from "./app.js";

export async function render(container) {
  const status = h("div", { id: "inconsistencies" });
  const message = h("div");
  const exported = h("div");

  async function showInconsistencies() {
    try {
      const answer = await metadata("get_inconsistent_metadata", {});
      if (answer.is_consistent) return replace(status, notice("success", "The metadata is consistent."));
      replace(status, notice("error", answer.inconsistent_objects.length + " inconsistent objects"),
        dataTable(["type", "name", "reason"], answer.inconsistent_objects.map((object) =>
          [object.type, object.name || (object.definition && object.definition.name) || "", object.reason])),
        h("button", { type: "button", class: "danger", onclick: drop }, "Drop inconsistent objects"));
    } catch (error) {
      showError(status, error);
    }
    refreshConsistency();
  }

  async function reload() {
    try {
      const answer = await metadata("reload_metadata", { reload_remote_schemas: true });
      replace(message, notice("success", "Metadata reloaded" + (answer.is_consistent ? "." : ", with inconsistencies.")));
    } catch (error) {
      showError(message, error);
    }
    showInconsistencies();
  }

  async function drop() {
    if (!confirm("Drop every inconsistent object from the metadata?")) return;
    try {
      await metadata("drop_inconsistent_metadata", {});
      replace(message, notice("success", "Inconsistent objects dropped."));
    } catch (error) {
      showError(message, error);
    }
    showInconsistencies();
  }

  async function exportMetadata() {
    try {
      const answer = await metadata("export_metadata", {});
      const text = JSON.stringify(answer, null, 2);
      const link = h("a", { href: URL.createObjectURL(new Blob([text], { type: "application/json" })), download: "metadata.json" },
        "Download metadata.json");
      replace(exported, link, jsonBlock(answer, { id: "exported-metadata" }));
    } catch (error) {
      showError(exported, error);
    }
  }

  replace(container,
    h("div", { class: "toolbar" }, h("h1", {}, "Metadata"),
      h("button", { type: "button", id: "reload-metadata", onclick: reload }, "Reload metadata"),
      h("button", { type: "button", id: "export-metadata", onclick: exportMetadata }, "Export metadata")),
    message, h("h2", {}, "Consistency"), status, exported);
  showInconsistencies();
}
