// The console's shell: routes under /console to views, keeps the section navigation current,
// asks for the admin secret when the server wants it, and shows whether metadata is consistent.

import { adminSecret, metadata, onSecretNeeded, setAdminSecret } from "./api.js";
import { h, notice, replace } from "./dom.js";

/** Route patterns to views; a view module exports `render(container, params)`. */
const routes = [
  [/^\/?(explorer)?$/, "explorer", () => import("./explorer.js")],
  [/^\/data\/?$/, "data", () => import("./data.js"), () => ({ page: "home" })],
  [/^\/data\/sql$/, "data", () => import("./sql.js")],
  [/^\/data\/([^/]+)\/([^/]+)\/([^/]+)(?:\/([a-z]+))?$/, "data", () => import("./table.js"),
    (match) => ({ source: match[1], schema: match[2], table: match[3], tab: match[4] || "browse" })],
  [/^\/actions(?:\/([^/]+))?$/, "actions", () => import("./actions.js"), (match) => ({ name: match[1] })],
  [/^\/events(?:\/([^/]+))?$/, "events", () => import("./events.js"), (match) => ({ name: match[1] })],
  [/^\/remote-schemas\/?$/, "remote-schemas", () => import("./remote-schemas.js")],
  [/^\/settings\/?$/, "settings", () => import("./settings.js")],
];

const view = document.getElementById("view");
let rendering = 0;

async function render() {
  const path = decodeURI(location.pathname.replace(/^\/console/, ""));
  const route = routes.find(([pattern]) => pattern.test(path));
  const ticket = ++rendering;
  for (const link of document.querySelectorAll("nav.sections a")) {
    link.classList.toggle("current", !!route && link.dataset.section === route[1]);
  }
  if (!route) {
    replace(view, notice("error", "No such page: " + path));
    return;
  }
  const [pattern, , load, params] = route;
  const match = path.match(pattern);
  const container = h("div", { class: "page" });
  replace(view, container);
  try {
    const module = await load();
    if (ticket !== rendering) return;
    await module.render(container, params ? params(match) : {});
  } catch (error) {
    if (ticket === rendering) replace(container, notice("error", error.message, error.body));
  }
  refreshConsistency();
}

/** Goes to a console path without reloading the page. */
export function navigate(path) {
  history.pushState(null, "", path);
  render();
}

/** Shows the number of inconsistent objects in the header. */
export async function refreshConsistency() {
  const badge = document.getElementById("consistency");
  try {
    const answer = await metadata("get_inconsistent_metadata", {});
    const count = answer.inconsistent_objects.length;
    badge.hidden = count === 0;
    badge.textContent = count + " inconsistent";
  } catch (error) {
    badge.hidden = true;
  }
}

document.addEventListener("click", (event) => {
  const link = event.target.closest("a[href^='/console']");
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || link.target) return;
  event.preventDefault();
  navigate(link.getAttribute("href"));
});
window.addEventListener("popstate", render);

const dialog = document.getElementById("secret-dialog");
let pendingAsk = null;
function askForSecret() {
  if (pendingAsk) return pendingAsk;
  pendingAsk = new Promise((resolve) => {
    document.getElementById("secret-input").value = adminSecret();
    dialog.addEventListener("close", () => {
      pendingAsk = null;
      resolve(dialog.returnValue === "save" ? document.getElementById("secret-input").value : null);
    }, { once: true });
    dialog.showModal();
  });
  return pendingAsk;
}
onSecretNeeded(askForSecret);
document.getElementById("secret-button").addEventListener("click", async () => {
  const secret = await askForSecret();
  if (secret !== null) {
    setAdminSecret(secret);
    render();
  }
});

render();
