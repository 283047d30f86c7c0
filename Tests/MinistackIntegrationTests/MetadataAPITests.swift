import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MinistackCore
import MinistackEngine
import MinistackTesting
import OrderedCollections
import Testing

/// The read side of `/v1/metadata`: export, inconsistencies, reload, bulk, and its admin-only access.
@Suite("Metadata API")
struct MetadataAPITests {
    static func call(
        _ server: ExampleServer, _ body: String, headers: [String: String] = [:], adminSecret: String? = nil
    ) async throws -> (status: Int, body: JSONValue) {
        try await server.withClient(adminSecret: adminSecret) { client in
            var fields = HTTPFields()
            for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
            return try await client.execute(
                uri: "/v1/metadata", method: .post, headers: fields, body: ByteBuffer(string: body)
            ) {
                (Int($0.status.code), try JSONParser.parse(String(buffer: $0.body)))
            }
        }
    }

    @Test(
        "export_metadata answers the example's metadata as Hasura's JSON", arguments: [DatabaseKind.sqlite, .postgres])
    func export(_ kind: DatabaseKind) async throws {
        let (status, body) = try await Self.call(
            ExampleServer.shared(kind), #"{"type": "export_metadata", "args": {}}"#)
        #expect(status == 200)
        #expect(body["version"] == .number("3"))
        let source = try #require(body["sources"]?.arrayValue?.first)
        #expect(source["name"] == .string("default"))
        #expect(source["kind"] == .string(kind.rawValue))
        let tables = try #require(source["tables"]?.arrayValue)
        #expect(tables.count == 5)
        let comment = try #require(tables.first { $0["table"]?["name"] == .string("comment") })
        let commenter = try #require(
            comment["object_relationships"]?.arrayValue?.first { $0["name"] == .string("commenter") })
        #expect(commenter["using"]?["manual_configuration"]?["column_mapping"] == .object(["author_id": .string("id")]))
        let author = try #require(tables.first { $0["table"]?["name"] == .string("author") })
        #expect(
            author["array_relationships"]?.arrayValue?.map { $0["name"] } == [.string("articles"), .string("comments")])
    }

    @Test("export_metadata with version 2 wraps the metadata with a resource_version")
    func exportVersion2() async throws {
        let (_, body) = try await Self.call(
            ExampleServer.shared(.sqlite), #"{"type": "export_metadata", "version": 2, "args": {}}"#)
        #expect(body["resource_version"] != nil)
        #expect(body["metadata"]?["version"] == .number("3"))
    }

    @Test("get_inconsistent_metadata reports a consistent example")
    func inconsistencies() async throws {
        let (status, body) = try await Self.call(
            ExampleServer.shared(.sqlite), #"{"type": "get_inconsistent_metadata", "args": {}}"#)
        #expect(status == 200)
        #expect(body == .object(["is_consistent": .bool(true), "inconsistent_objects": .array([])]))
    }

    @Test(
        "reload_metadata swaps in a fresh snapshot and queries keep working",
        arguments: [DatabaseKind.sqlite, .postgres])
    func reload(_ kind: DatabaseKind) async throws {
        let server = try await ExampleServer.isolated(kind)
        let before = server.engine.store.snapshot
        let (status, body) = try await Self.call(
            server, #"{"type": "reload_metadata", "args": {"reload_remote_schemas": true}}"#)
        #expect(status == 200)
        #expect(body == .object(["message": .string("success"), "is_consistent": .bool(true)]))
        #expect(server.engine.store.snapshot !== before)
        let (_, answer) = try await server.graphQL("{ tag_by_pk(id: 1) { name } }")
        #expect(answer == .object(["data": .object(["tag_by_pk": .object(["name": .string("math")])])]))
        await server.shutdown()
    }

    @Test("bulk runs its calls in order")
    func bulk() async throws {
        let (_, body) = try await Self.call(
            ExampleServer.shared(.sqlite),
            #"{"type": "bulk", "args": [{"type": "get_inconsistent_metadata", "args": {}}, {"type": "export_metadata", "args": {}}]}"#
        )
        #expect(body.arrayValue?.count == 2)
        #expect(body.arrayValue?.first?["is_consistent"] == .bool(true))
        #expect(body.arrayValue?.last?["version"] == .number("3"))
    }

    @Test("calls that are not built yet answer not-supported")
    func notSupported() async throws {
        let (status, body) = try await Self.call(
            ExampleServer.shared(.sqlite), #"{"type": "pg_track_table", "args": {}}"#)
        #expect(status == 400)
        #expect(body["code"] == .string("not-supported"))
        #expect(body["path"] == .string("$.type"))
    }

    @Test(
        "only admins may call it",
        arguments: [
            ([String: String](), "x-hasura-admin-secret/x-hasura-access-key required, but not found"),
            (["x-hasura-admin-secret": "nope"], "invalid x-hasura-admin-secret/x-hasura-access-key"),
            (["x-hasura-admin-secret": "s3cret", "x-hasura-role": "user"], "restricted access : admin only"),
        ])
    func adminOnly(headers: [String: String], message: String) async throws {
        let (status, body) = try await Self.call(
            ExampleServer.shared(.sqlite), #"{"type": "export_metadata", "args": {}}"#, headers: headers,
            adminSecret: "s3cret")
        #expect(status == 401)
        #expect(body == .object(["path": .string("$"), "error": .string(message), "code": .string("access-denied")]))
    }
}
