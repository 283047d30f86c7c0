import ArgumentParser
import Foundation
import MinistackCore

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Calls a running server's `POST /v1/metadata` as admin (`x-hasura-admin-secret`), the way
/// Hasura's CLI does, so the `metadata` commands work against ministack and Hasura alike.
///
/// Each call is one request; the client keeps no state between calls.
struct MetadataClient: Sendable {
    /// The server's base URL (`http://127.0.0.1:8080`, or with a path prefix).
    let endpoint: URL
    let adminSecret: String?

    var metadataURL: URL { endpoint.appendingPathComponent("v1").appendingPathComponent("metadata") }

    /// Sends `{"type", "args", "version"?}` and answers the JSON of a 200 response.
    func call(_ type: String, args: JSONValue = .emptyObject, version: Int? = nil) async throws(MetadataClientError)
        -> JSONValue
    {
        var body: [(String, JSONValue)] = [("type", .string(type)), ("args", args)]
        if let version { body.insert(("version", .number(String(version))), at: 0) }
        return try await post(.fields(body), to: metadataURL, timeout: 300)
    }

    /// POSTs a JSON body to an admin endpoint of the server (`/v1/metadata`, `/v2/query`) and
    /// answers the JSON of a 200 response; Hasura's error objects become `MetadataClientError`s.
    func post(_ body: JSONValue, to url: URL, timeout: TimeInterval) async throws(MetadataClientError) -> JSONValue {
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.httpBody = Data(body.serialized.utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let adminSecret { request.setValue(adminSecret, forHTTPHeaderField: "x-hasura-admin-secret") }

        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await URLSession.shared.data(for: request)
        } catch {
            throw .unreachable(endpoint: endpoint.absoluteString, reason: error.localizedDescription)
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        let text = String(decoding: data, as: UTF8.self)
        let json = try? JSONParser.parse(bytes: [UInt8](data))
        switch status {
        case 200:
            guard let json else { throw .unexpectedAnswer(status: status, body: text) }
            return json
        case 400, 401, 403:
            // Metadata errors `{"path","error","code"}`; a wrong secret may also come as `{"errors":[…]}`.
            let error = json?["errors"]?.arrayValue?.first ?? json
            guard let message = error?["error"]?.stringValue ?? error?["message"]?.stringValue else {
                throw .unexpectedAnswer(status: status, body: text)
            }
            let code = error?["code"]?.stringValue ?? error?["extensions"]?["code"]?.stringValue ?? ""
            if status != 400 || code == "access-denied" {
                throw .unauthorized(endpoint: endpoint.absoluteString, message: message)
            }
            throw .rejected(
                message: message, code: code, path: error?["path"]?.stringValue, internal: error?["internal"])
        default:
            throw .unexpectedAnswer(status: status, body: text)
        }
    }
}

/// Why a metadata call did not answer 200.
enum MetadataClientError: Error {
    /// No HTTP answer at all (refused, unresolvable, timed out).
    case unreachable(endpoint: String, reason: String)
    /// 401/403 or `access-denied`: the admin secret is missing or wrong.
    case unauthorized(endpoint: String, message: String)
    /// 400 with Hasura's error object: the server understood the call and refused it.
    case rejected(message: String, code: String, path: String?, internal: JSONValue?)
    /// Any other status, or a body that is not Hasura's JSON.
    case unexpectedAnswer(status: Int, body: String)

    /// The message and exit code when the command has no better reading of the error.
    var failure: CommandFailure {
        switch self {
        case .unreachable(let endpoint, let reason):
            CommandFailure(
                message: "cannot reach the server at \(endpoint): \(reason)",
                details: ["Is `ministack serve` running there? Set --endpoint or MINISTACK_ENDPOINT."],
                exitCode: MetadataExitCode.unusable)
        case .unauthorized(let endpoint, let message):
            CommandFailure(
                message: "the server at \(endpoint) refused the admin secret: \(message)",
                details: ["Set --admin-secret or MINISTACK_ADMIN_SECRET to the server's admin secret."],
                exitCode: MetadataExitCode.unusable)
        case .rejected(let message, let code, let path, let `internal`):
            CommandFailure(
                message: "the server refused the call: \(message) (\(code)\(path.map { " at \($0)" } ?? ""))",
                details: JSONValue.inconsistencyLines(`internal`), exitCode: MetadataExitCode.failed)
        case .unexpectedAnswer(let status, let body):
            CommandFailure(
                message: "unexpected answer from the server (HTTP \(status)): \(body.prefix(500))",
                exitCode: MetadataExitCode.unusable)
        }
    }
}
