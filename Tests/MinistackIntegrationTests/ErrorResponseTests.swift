import MinistackCore
import MinistackTesting
import Testing

/// Requests to `/v1/graphql` that fail before there is a GraphQL document to run: Hasura answers them
/// on that endpoint like every other error there — HTTP 200 and a body with only `errors`, each
/// `{"message", "extensions": {"path", "code"}}` — with `invalid-json` for a body that is not JSON
/// and `parse-failed` for JSON that is not a GraphQL request. The message is the JSON decoder's own
/// words, so only its presence is pinned. (The error-shaped query cases live in `Cases/error_*`.)
@Suite("Error responses of /v1/graphql")
struct ErrorResponseTests {
    @Test("a body that is not JSON answers 200 with an invalid-json error")
    func malformedJSON() async throws {
        let server = try await ExampleServer.shared(.sqlite)
        let (status, body) = try await server.post(body: #"{"query": "{ author { id } }""#)
        #expect(status == 200)
        expectSingleError(body, path: "$", code: "invalid-json")
    }

    @Test("a JSON body without a query answers 200 with a parse-failed error")
    func missingQuery() async throws {
        let server = try await ExampleServer.shared(.sqlite)
        let (status, body) = try await server.post(body: #"{"variables": {}}"#)
        #expect(status == 200)
        expectSingleError(body, path: "$", code: "parse-failed")
    }

    @Test("a JSON body that is not an object answers 200 with a parse-failed error")
    func bodyIsAnArray() async throws {
        let server = try await ExampleServer.shared(.sqlite)
        let (status, body) = try await server.post(body: #"[1, 2]"#)
        #expect(status == 200)
        #expect(body["data"] == nil, "no data key: \(body.serialized)")
        let code = body["errors"]?.arrayValue?.first?["extensions"]?["code"]?.stringValue
        #expect(code == "parse-failed", "\(body.serialized)")
    }

    func expectSingleError(
        _ body: JSONValue, path: String, code: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(
            body.objectValue?.map { $0.key } == ["errors"], "only errors: \(body.serialized)",
            sourceLocation: sourceLocation)
        let errors = body["errors"]?.arrayValue ?? []
        #expect(errors.count == 1, "one error: \(body.serialized)", sourceLocation: sourceLocation)
        guard let error = errors.first else { return }
        #expect(
            error.objectValue?.map { $0.key } == ["message", "extensions"], "\(body.serialized)",
            sourceLocation: sourceLocation)
        #expect(
            error["message"]?.stringValue?.isEmpty == false, "a message: \(body.serialized)",
            sourceLocation: sourceLocation)
        #expect(error["extensions"]?["path"]?.stringValue == path, "\(body.serialized)", sourceLocation: sourceLocation)
        #expect(error["extensions"]?["code"]?.stringValue == code, "\(body.serialized)", sourceLocation: sourceLocation)
    }
}
