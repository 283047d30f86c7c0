import MinistackCore
import MinistackTesting
import Testing

/// `_in` / `_nin` against a session variable in a permission filter, as Hasura allows:
/// `{"id": {"_in": "X-Hasura-Allowed-Ids"}}` with the header `{1,3}` (or a JSON array).
@Suite("Permissions comparing with session-variable lists")
struct PermissionSessionListTests {
    static func served(_ kind: DatabaseKind) async throws -> ExampleServer {
        let server = try await ExampleServer.isolated(kind)
        let prefix = MetadataOperationTests.prefix(kind)
        for (table, filter) in [
            ("tag", #"{"id": {"_in": "X-Hasura-Allowed-Ids"}}"#),
            ("author", #"{"_or": [{"id": {"_nin": "x-hasura-blocked-ids"}}, {"name": {"_in": "X-Hasura-Names"}}]}"#),
        ] {
            let (status, body) = try await MetadataOperationTests.call(
                server, "\(prefix)_create_select_permission",
                #"{"table": \#(MetadataOperationTests.table(table, kind)), "role": "reviewer", "permission": {"columns": ["id", "name"], "filter": \#(filter)}}"#
            )
            try #require(status == 200, "\(body.serialized)")
        }
        return server
    }

    static func ids(_ server: ExampleServer, _ field: String, headers: [String: String]) async throws -> JSONValue {
        let (_, body) = try await server.graphQL(
            "{ \(field)(order_by: {id: asc}) { id } }", headers: headers.merging(["x-hasura-role": "reviewer"]) { $1 })
        return body["data"]?[field].map { rows in .array(rows.arrayValue?.compactMap { $0["id"] } ?? []) }
            ?? body
    }

    @Test("_in and _nin read the list from the session", arguments: [DatabaseKind.sqlite, .postgres])
    func lists(_ kind: DatabaseKind) async throws {
        let server = try await Self.served(kind)
        defer { Task { await server.shutdown() } }
        let numbers: ([Int]) -> JSONValue = { .array($0.map { .number(String($0)) }) }
        #expect(try await Self.ids(server, "tag", headers: ["x-hasura-allowed-ids": "{1,3}"]) == numbers([1, 3]))
        #expect(try await Self.ids(server, "tag", headers: ["x-hasura-allowed-ids": "[2, 4]"]) == numbers([2, 4]))
        #expect(try await Self.ids(server, "tag", headers: ["x-hasura-allowed-ids": "{}"]) == numbers([]))
        #expect(
            try await Self.ids(
                server, "author",
                headers: ["x-hasura-blocked-ids": "{1,2,3,4,5}", "x-hasura-names": #"{"Ada Lovelace","nobody"}"#])
                == numbers([1, 6]))
    }

    @Test("a missing or malformed list is an error", arguments: [DatabaseKind.sqlite, .postgres])
    func errors(_ kind: DatabaseKind) async throws {
        let server = try await Self.served(kind)
        defer { Task { await server.shutdown() } }
        let (_, missing) = try await server.graphQL("{ tag { id } }", headers: ["x-hasura-role": "reviewer"])
        #expect(
            missing.serialized
                == #"{"errors":[{"message":"missing session variable: \"x-hasura-allowed-ids\"","extensions":{"path":"$","code":"not-found"}}]}"#
        )
        let (_, malformed) = try await server.graphQL(
            "{ tag { id } }", headers: ["x-hasura-role": "reviewer", "x-hasura-allowed-ids": "1,2"])
        #expect(malformed["errors"]?.arrayValue?.first?["extensions"]?["code"] == .string("parse-failed"))
    }
}
