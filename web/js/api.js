// Talks to the server: /v1/graphql, /v1/metadata and /v2/query, with the admin secret (kept in
// this browser's local storage) and the role to run as. When the server turns a request away
// for want of the admin secret, the console asks for it once and retries.

const secretKey = "ministack.adminSecret";

/** Raised for an error answer; `code` is Hasura's `extensions.code` (or `code`). */
export class APIError extends Error {
  constructor(message, code, body) {
    super(message);
    this.code = code;
    this.body = body;
  }
}

let askForSecret = async () => null;

/** Sets how the console asks for the admin secret (a dialog); it resolves to the secret or null. */
export function onSecretNeeded(ask) {
  askForSecret = ask;
}

export function adminSecret() {
  return localStorage.getItem(secretKey) || "";
}

export function setAdminSecret(value) {
  if (value) localStorage.setItem(secretKey, value);
  else localStorage.removeItem(secretKey);
}

function headersFor(extra) {
  const headers = { "content-type": "application/json" };
  const secret = adminSecret();
  if (secret) headers["x-hasura-admin-secret"] = secret;
  return Object.assign(headers, extra || {});
}

function isAccessDenied(status, body) {
  if (status === 401) return true;
  const errors = body && body.errors;
  const code = (errors && errors[0] && errors[0].extensions && errors[0].extensions.code) || (body && body.code);
  return code === "access-denied" && /admin-secret|access-key|admin secret/i.test(JSON.stringify(body));
}

/** POSTs JSON; asks for the admin secret and retries once when it was missing or wrong. */
async function post(path, payload, extraHeaders, retried) {
  const response = await fetch(path, {
    method: "POST", headers: headersFor(extraHeaders), body: JSON.stringify(payload),
  });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new APIError(text || response.statusText, "unexpected", text);
  }
  if (!retried && isAccessDenied(response.status, body)) {
    const secret = await askForSecret();
    if (secret !== null) {
      setAdminSecret(secret);
      return post(path, payload, extraHeaders, true);
    }
  }
  return { status: response.status, body };
}

/** Runs a GraphQL request and answers the whole response body (data and errors). */
export async function graphqlRaw(query, variables, headers) {
  return (await post("/v1/graphql", { query, variables: variables || {} }, headers)).body;
}

/** Runs a GraphQL request as admin and answers `data`; errors throw. */
export async function graphql(query, variables) {
  const body = await graphqlRaw(query, variables);
  if (body.errors && body.errors.length) {
    const first = body.errors[0];
    throw new APIError(first.message, first.extensions && first.extensions.code, body);
  }
  return body.data;
}

/** Runs one `/v1/metadata` call and answers its result; an error answer throws. */
export async function metadata(type, args, version) {
  const payload = { type, args: args || {} };
  if (version) payload.version = version;
  const { status, body } = await post("/v1/metadata", payload);
  if (status >= 400 || (body && body.error)) {
    throw new APIError(body.error || "request failed", body.code, body);
  }
  return body;
}

/** Runs SQL on a source with `/v2/query` `run_sql`: answers `{result_type, result}`. */
export async function runSQL(sql, source, readOnly) {
  const { status, body } = await post("/v2/query", {
    type: "run_sql", args: { source: source || "default", sql, read_only: !!readOnly },
  });
  if (status >= 400 || (body && body.error)) {
    const detail = body.internal && body.internal.error ? ": " + body.internal.error : "";
    throw new APIError((body.error || "request failed") + detail, body.code, body);
  }
  return body;
}
