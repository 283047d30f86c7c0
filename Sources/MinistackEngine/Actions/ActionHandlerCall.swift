import AsyncHTTPClient
import Foundation
import MinistackCore
import NIOCore
import NIOHTTP1

/// One POST to an action's handler, with exactly Hasura's body:
/// `{"action": {"name"}, "input", "session_variables", "request_query"}`, the action's
/// configured headers, and (with `forward_client_headers`) the client's headers minus
/// hop-by-hop ones. Answers the handler's JSON for a 2xx; anything else is a `HasuraError`
/// naming the action, with the details in `internal` (shown to admins only).
struct ActionHandlerCall {
    let action: ActionMetadata
    let input: JSONValue
    let session: Session
    let clientHeaders: [(name: String, value: String)]
    let requestQuery: String
    let environment: [String: String]

    /// Headers never forwarded: hop-by-hop ones, those the call sets itself, and the admin secret.
    static let unforwarded: Set = [
        "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer", "trailers",
        "transfer-encoding", "upgrade", "host", "content-length", "content-type", "accept-encoding",
        "x-hasura-admin-secret",
    ]

    var payload: JSONValue {
        .fields([
            ("action", .fields([("name", .string(action.name))])),
            ("input", input),
            (
                "session_variables",
                .fields(session.variables.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
            ),
            ("request_query", .string(requestQuery)),
        ])
    }

    func run(client: HTTPClient) async throws(HasuraError) -> JSONValue {
        let definition = action.definition
        let url: String
        switch definition.handler.render(in: environment) {
        case .success(let rendered): url = rendered
        case .failure(let missing): throw failure("the handler URL cannot be built: \(missing)")
        }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        if definition.forwardClientHeaders {
            for (name, value) in clientHeaders where !Self.unforwarded.contains(name.lowercased()) {
                request.headers.add(name: name, value: value)
            }
        }
        for header in definition.headers {
            switch header.resolve(in: environment) {
            case .success(let value): request.headers.replaceOrAdd(name: header.name, value: value)
            case .failure(let missing): throw failure("header \(header.name) cannot be set: \(missing)")
            }
        }
        request.headers.replaceOrAdd(name: "content-type", value: "application/json")
        let body = payload.serialized
        request.body = .bytes(ByteBuffer(string: body))
        let status: Int
        let text: String
        do {
            let response = try await client.execute(request, timeout: .seconds(Int64(definition.timeout)))
            status = Int(response.status.code)
            text = String(buffer: try await response.body.collect(upTo: 16 << 20))
        } catch {
            throw failure(
                "http exception when calling webhook",
                details: [("error", .string("\(error)")), ("url", .string(url))])
        }
        let json = try? JSONParser.parse(text)
        let response = JSONValue.fields([("status", .number(String(status))), ("body", json ?? .string(text))])
        switch status {
        case 200..<300:
            guard let json else {
                throw failure("the handler's response is not JSON", details: [("response", response)])
            }
            return json
        case 400..<500:
            // Hasura's error contract: `{"message", "extensions"?}` becomes the GraphQL error.
            guard let message = json?["message"]?.stringValue else {
                throw failure(
                    "the handler answered HTTP \(status) without a \"message\"", details: [("response", response)])
            }
            var error = HasuraError(.unexpected, message)
            if case .object? = json?["extensions"] { error.givenExtensions = json?["extensions"] }
            throw error
        default:
            throw failure("the handler answered HTTP \(status)", details: [("response", response)])
        }
    }

    /// `unexpected`, naming the action; `details` (and the request) only for admins.
    func failure(_ what: String, details: [(String, JSONValue)] = []) -> HasuraError {
        HasuraError(
            .unexpected, "action \"\(action.name)\": \(what)",
            internal: .fields(details + [("request", .fields([("payload", payload)]))]))
    }
}
