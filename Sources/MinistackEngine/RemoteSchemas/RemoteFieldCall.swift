import AsyncHTTPClient
import MinistackCore
import NIOCore
import NIOHTTP1
import OrderedCollections

/// One root field sent to its remote schema: the printed document with the variables it uses,
/// the remote's headers (and the client's, with `forward_client_headers`), its timeout. The
/// answer's `__typename`s are renamed to the merged schema's names and its errors' paths put
/// under the field; a failed call is a `null` field with one error, and the other fields still
/// answer (Hasura's partial data).
struct RemoteFieldCall {
    let remote: ResolvedRemoteSchema
    let field: RemoteFieldIR
    let variables: [String: JSONValue]
    let clientHeaders: [(name: String, value: String)]

    /// The field's JSON text, and the GraphQL errors that go with it.
    struct Answer: Sendable {
        var value: String
        var errors: [JSONValue]
    }

    func run(client: HTTPClient) async -> Answer {
        var request = HTTPClientRequest(url: remote.url)
        request.method = .POST
        if remote.forwardClientHeaders {
            for (name, value) in clientHeaders where !ActionHandlerCall.unforwarded.contains(name.lowercased()) {
                request.headers.add(name: name, value: value)
            }
        }
        for header in remote.headers { request.headers.replaceOrAdd(name: header.name, value: header.value) }
        request.headers.replaceOrAdd(name: "content-type", value: "application/json")
        let used = field.variableNames.map { ($0, variables[$0] ?? .null) }
        var body: [(String, JSONValue)] = [("query", .string(field.document))]
        if !used.isEmpty { body.append(("variables", .fields(used))) }
        request.body = .bytes(ByteBuffer(string: JSONValue.fields(body).serialized))
        let text: String
        let status: UInt
        do {
            let response = try await client.execute(request, timeout: .seconds(Int64(remote.timeoutSeconds)))
            status = response.status.code
            text = String(buffer: try await response.body.collect(upTo: 64 << 20))
        } catch {
            return failure(
                "HTTP exception occurred while sending the request to remote schema \(remote.name): \(error)")
        }
        guard let json = try? JSONParser.parse(text), json.objectValue != nil else {
            return failure("remote schema \(remote.name) answered HTTP \(status) without a GraphQL response")
        }
        let rename = { (name: String) in remote.schema?.customization.typeName(name) ?? name }
        let data = field.shape.renaming(json["data"] ?? .null, rename)
        let value = field.isNamespace ? (data.isNull ? JSONValue.null : data) : (data[field.responseKey] ?? .null)
        let errors = (json["errors"]?.arrayValue ?? []).map(rebase)
        return Answer(value: value.serialized, errors: errors)
    }

    /// The remote's error with `locations` (of the remote's document) left out and its `path`
    /// put under the client's field (a namespace field adds its key in front).
    func rebase(_ error: JSONValue) -> JSONValue {
        guard case .object(var fields) = error else { return error }
        fields["locations"] = nil
        if case .array(let path)? = fields["path"], field.isNamespace {
            fields["path"] = .array([.string(field.responseKey)] + path)
        } else if fields["path"] == nil {
            fields["path"] = .array([.string(field.responseKey)])
        }
        return .object(fields)
    }

    func failure(_ message: String) -> Answer {
        Answer(
            value: "null",
            errors: [
                .fields([
                    ("message", .string(message)), ("path", .array([.string(field.responseKey)])),
                    ("extensions", .fields([("code", .string(HasuraErrorCode.remoteSchemaError.rawValue))])),
                ])
            ])
    }
}
