import MinistackCore
import MinistackTesting
import Testing

/// Hasura's column comparison operators in permissions (`_ceq`, `_cne`, `_cgt`, `_cgte`, `_clt`,
/// `_clte`): with another column of the same row, or with `["$", column]`, a column of the
/// permission's own table, also from inside a relationship. Each expected answer comes from SQL
/// written by hand for the same condition.
@Suite("Permissions comparing columns")
struct PermissionColumnComparisonTests {
    static func grant(_ server: ExampleServer, table: String, filter: String) async throws -> (Int, JSONValue) {
        try await MetadataOperationTests.call(
            server, "\(MetadataOperationTests.prefix(server.kind))_create_select_permission",
            #"{"table": \#(MetadataOperationTests.table(table, server.kind)), "role": "peer", "permission": {"columns": ["id"], "filter": \#(filter)}}"#
        )
    }

    /// The ids a hand-written SQL query answers, in order.
    static func ids(_ server: ExampleServer, sql: String) async throws -> [JSONValue] {
        let answer = try await EventDeliveryTests.runSQL(server, sql)
        return (answer["result"]?.arrayValue ?? []).dropFirst().compactMap { row in
            row.arrayValue?.first?.stringValue.map { JSONValue.number($0) }
        }
    }

    static func peerIDs(_ server: ExampleServer, _ field: String) async throws -> [JSONValue] {
        let (_, body) = try await server.graphQL(
            "{ \(field)(order_by: {id: asc}) { id } }", headers: ["x-hasura-role": "peer"])
        return body["data"]?[field]?.arrayValue?.compactMap { $0["id"] } ?? [body]
    }

    @Test("same-row and root-row comparisons, as SQL answers them", arguments: [DatabaseKind.sqlite, .postgres])
    func comparisons(_ kind: DatabaseKind) async throws {
        let server = try await ExampleServer.isolated(kind)
        defer { Task { await server.shutdown() } }
        let (status, body) = try await Self.grant(
            server, table: "article",
            filter:
                #"{"_or": [{"views": {"_cgt": "id"}, "id": {"_clte": "author_id"}}, {"author": {"followers": {"_cgt": ["$", "views"]}, "id": {"_cne": ["$", "id"]}}}]}"#
        )
        try #require(status == 200, "\(body.serialized)")
        let expected = try await Self.ids(
            server,
            sql: """
                SELECT a.id FROM article a
                WHERE (a.views > a.id AND a.id <= a.author_id)
                   OR EXISTS (SELECT 1 FROM author u WHERE u.id = a.author_id AND u.followers > a.views AND u.id <> a.id)
                ORDER BY a.id
                """)
        #expect(!expected.isEmpty)
        #expect(try await Self.peerIDs(server, "article") == expected)

        let (tagStatus, tagBody) = try await Self.grant(
            server, table: "tag", filter: #"{"id": {"_cgte": ["$", "id"]}, "name": {"_ceq": "name"}}"#)
        try #require(tagStatus == 200, "\(tagBody.serialized)")
        #expect(
            try await Self.peerIDs(server, "tag")
                == (try await Self.ids(server, sql: "SELECT id FROM tag ORDER BY id")))
    }

    @Test("an unknown column or a malformed operand is an inconsistency")
    func errors() async throws {
        let server = try await ExampleServer.isolated(.sqlite)
        defer { Task { await server.shutdown() } }
        let (status, body) = try await Self.grant(server, table: "tag", filter: #"{"id": {"_ceq": ["$", "nope"]}}"#)
        #expect(status == 400)
        #expect(body["code"] == .string("invalid-configuration"))
        #expect(body["error"]?.stringValue?.contains("no column \"nope\"") == true, "\(body.serialized)")
        let (_, malformed) = try await Self.grant(server, table: "tag", filter: #"{"id": {"_cgt": 3}}"#)
        #expect(malformed["code"] == .string("invalid-configuration"))
    }
}
