// The ministack console: a GraphQL explorer over /v1/graphql. The admin secret, when the
// server needs one, is kept in this browser's local storage.
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const secretKey = "ministack.adminSecret";

  function requestHeaders() {
    const headers = { "content-type": "application/json" };
    const secret = localStorage.getItem(secretKey);
    if (secret) headers["x-hasura-admin-secret"] = secret;
    const role = $("role").value.trim();
    if (role) headers["x-hasura-role"] = role;
    const extra = JSON.parse($("headers").value || "{}");
    return Object.assign(headers, extra);
  }

  async function run() {
    let body;
    try {
      body = { query: $("query").value, variables: JSON.parse($("variables").value || "{}") };
    } catch (error) {
      $("result").textContent = "Variables are not JSON: " + error.message;
      return;
    }
    const response = await fetch("/v1/graphql", {
      method: "POST", headers: requestHeaders(), body: JSON.stringify(body),
    });
    const text = await response.text();
    try {
      $("result").textContent = JSON.stringify(JSON.parse(text), null, 2);
    } catch (error) {
      $("result").textContent = text;
    }
  }

  $("run").addEventListener("click", run);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });
  $("secret-button").addEventListener("click", () => {
    const value = prompt("Admin secret (kept in this browser)", localStorage.getItem(secretKey) || "");
    if (value !== null) localStorage.setItem(secretKey, value);
  });
})();
