import AsyncHTTPClient
import Foundation
import MinistackCore
public import NIOCore
import NIOHTTP1
import OrderedCollections

/// Hasura's authentication webhook (`--auth-hook`): asks a service who the request is.
///
/// GET mode forwards the client's headers; POST mode sends `{"headers": {…}, "request": {…}}`.
/// A 200 answer is a JSON object of session variables that must include `x-hasura-role`;
/// 401 denies the request; anything else is an error.
public struct AuthWebhook: Sendable {
    public enum Mode: String, Sendable {
        case get = "GET"
        case post = "POST"
    }

    public var url: String
    public var mode: Mode
    public var timeout: TimeAmount = .seconds(60)

    public init(url: String, mode: Mode) {
        self.url = url
        self.mode = mode
    }

    /// Headers Hasura does not forward to the webhook (they describe the client's connection, not who it is).
    static let ignoredHeaders: Set = [
        "content-length", "content-md5", "user-agent", "host", "origin", "referer", "accept", "accept-encoding",
        "accept-language", "accept-datetime", "cache-control", "connection", "dnt", "content-type",
    ]

    /// The session variables the webhook answers for a request with these (lower-cased) headers.
    func sessionVariables(headers: [String: String], request: JSONValue?) async throws(HasuraError)
        -> [String: String]
    {
        let forwarded = headers.filter { !Self.ignoredHeaders.contains($0.key) }.sorted { $0.key < $1.key }
        var outgoing = HTTPClientRequest(url: url)
        switch mode {
        case .get:
            outgoing.method = .GET
            for (name, value) in forwarded { outgoing.headers.add(name: name, value: value) }
        case .post:
            outgoing.method = .POST
            outgoing.headers.add(name: "content-type", value: "application/json")
            let body = JSONValue.fields([
                ("headers", .fields(forwarded.map { ($0.key, .string($0.value)) })),
                ("request", request ?? .null),
            ])
            outgoing.body = .bytes(ByteBuffer(string: body.serialized))
        }
        let status: UInt
        let text: String
        do {
            let response = try await HTTPClient.shared.execute(outgoing, timeout: timeout)
            status = response.status.code
            text = String(buffer: try await response.body.collect(upTo: 1 << 20))
        } catch {
            throw HasuraError(.unexpected, "webhook authentication request failed", internal: .string("\(error)"))
        }
        switch status {
        case 200:
            guard case .object(let fields)? = try? JSONParser.parse(bytes: Array(text.utf8)) else {
                throw HasuraError(.unexpected, "Invalid response from authorization hook", internal: .string(text))
            }
            var variables: [String: String] = [:]
            for (name, value) in fields where name.lowercased().hasPrefix("x-hasura-") {
                variables[name.lowercased()] = SessionValue.text(of: value)
            }
            guard variables["x-hasura-role"] != nil else {
                throw HasuraError(.unexpected, "missing x-hasura-role key in webhook response")
            }
            return variables
        case 401:
            throw HasuraError(.accessDenied, "Authentication hook unauthorized this request")
        default:
            throw HasuraError(.unexpected, "Invalid response from authorization hook", internal: .string(text))
        }
    }
}
