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
            ExampleServer.shared(.sqlite), #"{"type": "create_cron_trigger", "args": {}}"#)
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

@Suite("Metadata API: replacing and storing metadata")
struct MetadataReplaceTests {
    @Test(
        "replace_metadata applies new metadata, which export_metadata then answers",
        arguments: [DatabaseKind.sqlite, .postgres])
    func replace(_ kind: DatabaseKind) async throws {
        let server = try await ExampleServer.isolated(kind)
        let (_, exported) = try await MetadataAPITests.call(server, #"{"type": "export_metadata", "args": {}}"#)
        // Keep only the tag table, without its relationships (their targets are no longer tracked).
        var metadata = try #require(exported.objectValue)
        var source = try #require(exported["sources"]?.arrayValue?.first?.objectValue)
        let tagName = try #require(
            (source["tables"]?.arrayValue ?? []).first { $0["table"]?["name"] == .string("tag") }?["table"])
        source["tables"] = .array([.object(["table": tagName])])
        metadata["sources"] = .array([.object(source)])
        let body = JSONValue.fields([("type", .string("replace_metadata")), ("args", .object(metadata))]).serialized
        let (status, answer) = try await MetadataAPITests.call(server, body)
        #expect(status == 200)
        #expect(answer == .object(["message": .string("success")]))
        let (_, tags) = try await server.graphQL("{ tag_aggregate { aggregate { count } } }")
        #expect(tags["data"]?["tag_aggregate"]?["aggregate"]?["count"] == .number("5"))
        let (_, authors) = try await server.graphQL("{ author { id } }")
        #expect(
            authors["errors"]?.arrayValue?.first?["message"]
                == .string("field 'author' not found in type: 'query_root'"))
        let (_, again) = try await MetadataAPITests.call(server, #"{"type": "export_metadata", "args": {}}"#)
        #expect(again["sources"]?.arrayValue?.first?["tables"]?.arrayValue?.count == 1)
        await server.shutdown()
    }

    @Test("inconsistent metadata is refused unless allowed, and nothing changes")
    func inconsistentRefused() async throws {
        let server = try await ExampleServer.isolated(.sqlite)
        let ghost =
            #"{"version": 3, "sources": [{"name": "default", "kind": "sqlite", "tables": [{"table": {"name": "ghost"}}, {"table": {"name": "tag"}}], "configuration": {"connection_info": {"database_url": "\#(server.databaseURL)"}}}]}"#
        let (status, refused) = try await MetadataAPITests.call(
            server, #"{"type": "replace_metadata", "version": 2, "args": {"metadata": \#(ghost)}}"#)
        #expect(status == 400)
        #expect(refused["error"] == .string("cannot continue due to inconsistent metadata"))
        let (_, stillThere) = try await server.graphQL("{ author_by_pk(id: 1) { name } }")
        #expect(stillThere["data"]?["author_by_pk"]?["name"] == .string("Ada Lovelace"))
        let (allowedStatus, allowed) = try await MetadataAPITests.call(
            server,
            #"{"type": "replace_metadata", "version": 2, "args": {"allow_inconsistent_metadata": true, "metadata": \#(ghost)}}"#
        )
        #expect(allowedStatus == 200)
        #expect(allowed["is_consistent"] == .bool(false))
        #expect(allowed["inconsistent_objects"]?.arrayValue?.count == 1)
        let (_, inconsistent) = try await MetadataAPITests.call(
            server, #"{"type": "get_inconsistent_metadata", "args": {}}"#)
        #expect(inconsistent["is_consistent"] == .bool(false))
        await server.shutdown()
    }

    @Test("clear_metadata untracks everything and keeps the source")
    func clear() async throws {
        let server = try await ExampleServer.isolated(.sqlite)
        let (status, _) = try await MetadataAPITests.call(server, #"{"type": "clear_metadata", "args": {}}"#)
        #expect(status == 200)
        let (_, exported) = try await MetadataAPITests.call(server, #"{"type": "export_metadata", "args": {}}"#)
        #expect(exported["sources"]?.arrayValue?.count == 1)
        #expect(exported["sources"]?.arrayValue?.first?["tables"] == .array([]))
        let (_, answer) = try await server.graphQL("{ no_queries_available }")
        #expect(answer["data"]?["no_queries_available"] != nil)
        await server.shutdown()
    }
}
