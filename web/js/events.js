// Event triggers: every trigger with its table, operations and webhook; a trigger's page shows
// its definition, its pending and processed events and its invocations (status, request and
// response), with redeliver for an event and a manual invoke when the trigger allows it.

import { metadata } from "./api.js";
import { dataTable, h, jsonBlock, notice, replace, showError, tabs } from "./dom.js";
import { eventTriggers, loadMetadata, sources } from "./model.js";

const pageSize = 20;

function operationsOf(trigger) {
  const definition = trigger.definition || {};
  return ["insert", "update", "delete"].filter((op) => definition[op]).concat(definition.enable_manual ? ["manual"] : []);
}

export async function render(container, params) {
  const triggers = eventTriggers(sources(await loadMetadata()));
  if (!params.name) {
    return replace(container, h("div", { class: "toolbar" }, h("h1", {}, "Event triggers")),
      triggers.length
        ? dataTable(["trigger", "table", "operations", "webhook"], triggers.map(({ source, table, trigger }) => [
          h("a", { href: "/console/events/" + encodeURIComponent(trigger.name) }, trigger.name),
          source.name + " / " + table.label, operationsOf(trigger).join(", "),
          trigger.webhook || (trigger.webhook_from_env ? "env " + trigger.webhook_from_env : ""),
        ]), { id: "event-triggers" })
        : h("p", { class: "muted" }, "No event triggers. Add them to a table's metadata (event_triggers)."));
  }
  const found = triggers.find(({ trigger }) => trigger.name === params.name);
  if (!found) return replace(container, notice("error", "No event trigger named " + params.name));
  const { source, table, trigger } = found;
  const body = h("div", { class: "tab-body" });
  const show = (tab) => {
    replace(tabBar, tabs([
      { id: "pending", label: "Pending events", href: "#pending" },
      { id: "processed", label: "Processed events", href: "#processed" },
      { id: "invocations", label: "Invocation logs", href: "#invocations" },
      { id: "definition", label: "Definition", href: "#definition" },
    ], tab));
    if (tab === "definition") return replace(body, jsonBlock(trigger));
    if (tab === "invocations") return showInvocations(body, source, trigger);
    return showEvents(body, source, trigger, tab);
  };
  const tabBar = h("div");
  tabBar.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-tab]");
    if (!link) return;
    event.preventDefault();
    show(link.dataset.tab);
  });
  const message = h("div");
  const invoke = trigger.definition && trigger.definition.enable_manual ? h("button", {
    type: "button",
    onclick: async () => {
      const text = prompt("Row to send as the event's data.new (JSON)", "{}");
      if (text === null) return;
      try {
        const answer = await metadata(source.prefix + "invoke_event_trigger",
          { source: source.name, name: trigger.name, payload: JSON.parse(text) });
        replace(message, notice("success", "Event " + answer.event_id + " created."));
      } catch (error) {
        showError(message, error);
      }
    },
  }, "Invoke") : null;
  replace(container,
    h("div", { class: "toolbar" }, h("h1", {}, h("a", { href: "/console/events" }, "Event triggers"), " / ", trigger.name), invoke),
    h("p", { class: "muted" }, `${source.name} / ${table.label}: ${operationsOf(trigger).join(", ")} → ${trigger.webhook || trigger.webhook_from_env}`),
    message, tabBar, body);
  show("processed");
}

/** A logged body: JSON shown as JSON even when it was stored as text. */
function bodyBlock(value) {
  if (typeof value === "string") {
    try {
      return jsonBlock(JSON.parse(value));
    } catch (error) {
      return h("pre", {}, value);
    }
  }
  return jsonBlock(value);
}

function statusOf(invocation) {
  const status = invocation.status;
  return h("span", { class: "status " + (status >= 200 && status < 300 ? "ok" : "failed") }, status === null ? "—" : String(status));
}

function pager(offset, count, go) {
  return h("div", { class: "pager" },
    h("button", { type: "button", disabled: offset === 0, onclick: () => go(Math.max(0, offset - pageSize)) }, "Previous"),
    h("button", { type: "button", disabled: count < pageSize, onclick: () => go(offset + pageSize) }, "Next"));
}

async function showEvents(body, source, trigger, status, offset = 0) {
  try {
    const events = await metadata(source.prefix + "get_event_logs",
      { source: source.name, name: trigger.name, status, limit: pageSize, offset });
    const details = h("div", { id: "event-details" });
    replace(body, events.length ? dataTable(["id", "created at", "tries", "delivered", "error", ""], events.map((event) => [
      h("button", { type: "button", class: "link", dataset: { event: event.id }, onclick: () => showEvent(details, source, event.id) }, event.id),
      event.created_at, event.tries, String(event.delivered), String(event.error),
      h("button", { type: "button", class: "small", onclick: async () => {
        try {
          await metadata(source.prefix + "redeliver_event", { source: source.name, event_id: event.id });
          replace(details, notice("success", "Event " + event.id + " queued for redelivery."));
        } catch (error) {
          showError(details, error);
        }
      } }, "Redeliver"),
    ]), { id: "events" }) : h("p", { class: "muted" }, `No ${status} events.`),
    pager(offset, events.length, (next) => showEvents(body, source, trigger, status, next)), details);
  } catch (error) {
    showError(body, error);
  }
}

function invocationRows(invocations, details) {
  return invocations.map((invocation) => [
    h("button", { type: "button", class: "link", dataset: { invocation: invocation.id },
      onclick: () => replace(details, h("h3", {}, "Invocation " + invocation.id),
        h("div", { class: "two-columns" },
          h("div", {}, h("h4", {}, "Request"), bodyBlock(invocation.request)),
          h("div", {}, h("h4", {}, "Response"), bodyBlock(invocation.response)))) }, invocation.id),
    invocation.event_id, statusOf(invocation), invocation.created_at,
    invocation.duration_ms === undefined || invocation.duration_ms === null ? "" : Math.round(invocation.duration_ms) + " ms",
  ]);
}

async function showInvocations(body, source, trigger, offset = 0) {
  try {
    const invocations = await metadata(source.prefix + "get_event_invocation_logs",
      { source: source.name, name: trigger.name, limit: pageSize, offset });
    const details = h("div", { id: "invocation-details" });
    replace(body, invocations.length
      ? dataTable(["invocation", "event", "status", "at", "took"], invocationRows(invocations, details), { id: "invocations" })
      : h("p", { class: "muted" }, "No invocations yet."),
    pager(offset, invocations.length, (next) => showInvocations(body, source, trigger, next)), details);
  } catch (error) {
    showError(body, error);
  }
}

async function showEvent(details, source, id) {
  try {
    const answer = await metadata(source.prefix + "get_event_by_id", { source: source.name, event_id: id, invocation_log_limit: 50 });
    const invocationDetails = h("div");
    replace(details, h("h3", {}, "Event " + id), jsonBlock(answer.event.payload),
      h("h4", {}, "Invocations"),
      answer.invocations.length
        ? dataTable(["invocation", "event", "status", "at", "took"], invocationRows(answer.invocations, invocationDetails), { id: "event-invocations" })
        : h("p", { class: "muted" }, "Not delivered yet."), invocationDetails);
  } catch (error) {
    showError(details, error);
  }
}
