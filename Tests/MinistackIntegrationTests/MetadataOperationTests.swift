import MinistackCore
import MinistackEngine
import MinistackTesting
import OrderedCollections
import Testing

/// The `/v1/metadata` calls that edit metadata, on both databases, each on its own database.
@Suite("Metadata API: tables, relationships and permissions")
struct MetadataOperationTests {
    static func prefix(_ kind: DatabaseKind) -> String { kind == .postgres ? "pg" : "sqlite" }

    static func table(_ name: String, _ kind: DatabaseKind) -> String {
        kind == .postgres ? #"{"name": "\#(name)", "schema": "public"}"# : #"{"name": "\#(name)"}"#
    }

    static func call(_ server: ExampleServer, _ type: String, _ arguments: String) async throws -> (
        status: Int, body: JSONValue
    ) {
        try await MetadataAPITests.call(server, #"{"type": "\#(type)", "args": \#(arguments)}"#)
    }

    @Test(
        "untracking a table others depend on needs cascade; tracking it again restores it",
        arguments: [DatabaseKind.sqlite, .postgres])
    func untrackAndTrack(_ kind: DatabaseKind) async throws {
        let server = try await ExampleServer.isolated(kind)
        let p = Self.prefix(kind)
        let (refusedStatus, refused) = try await Self.call(
            server, "\(p)_untrack_table", #"{"table": \#(Self.table("tag", kind))}"#)
        #expect(refusedStatus == 400)
        #expect(refused["code"] == .string("dependency-error"))
        let (status, _) = try await Self.call(
            server, "\(p)_untrack_table", #"{"table": \#(Self.table("tag", kind)), "cascade": true}"#)
        #expect(status == 200)
        let (_, gone) = try await server.graphQL("{ tag { id } }")
        #expect(gone["errors"]?.arrayValue?.first?["message"] == .string("field 'tag' not found in type: 'query_root'"))
        let (_, noLink) = try await server.graphQL("{ article_tag(limit: 1) { tag { id } } }")
        #expect(noLink["errors"] != nil)
        let (trackStatus, _) = try await Self.call(
            server, "\(p)_track_table", #"{"table": \#(Self.table("tag", kind))}"#)
        #expect(trackStatus == 200)
        let (_, back) = try await server.graphQL("{ tag_by_pk(id: 3) { name } }")
        #expect(back == .object(["data": .object(["tag_by_pk": .object(["name": .string("food")])])]))
        await server.shutdown()
    }

    @Test("tracking a missing or already tracked table is refused", arguments: [DatabaseKind.sqlite, .postgres])
    func trackErrors(_ kind: DatabaseKind) async throws {
        let server = try await ExampleServer.isolated(kind)
        let p = Self.prefix(kind)
        let (_, missing) = try await Self.call(server, "\(p)_track_table", #"{"table": \#(Self.table("ghost", kind))}"#)
        #expect(
            missing
                == .object([
                    "path": .string("$.args"), "error": .string("no such table/view exists in source: \"ghost\""),
                    "code": .string("not-exists"),
                ]))
        let (_, twice) = try await Self.call(server, "\(p)_track_table", #"{"table": \#(Self.table("tag", kind))}"#)
        #expect(twice["code"] == .string("already-exists"))
        await server.shutdown()
    }

    @Test("relationships are created, renamed and dropped", arguments: [DatabaseKind.sqlite, .postgres])
    func relationships(_ kind: DatabaseKind) async throws {
        let server = try await ExampleServer.isolated(kind)
        let p = Self.prefix(kind)
        let using =
            #"{"foreign_key_constraint_on": {"table": \#(Self.table("article_tag", kind)), "column": "tag_id"}}"#
        let (created, _) = try await Self.call(
            server, "\(p)_create_array_relationship",
            #"{"table": \#(Self.table("tag", kind)), "name": "links", "using": \#(using)}"#)
        #expect(created == 200)
        let (_, linked) = try await server.graphQL(
            "{ tag_by_pk(id: 4) { links(order_by: {article_id: asc}) { article_id } } }")
        #expect(
            linked
                == .object([
                    "data": .object([
                        "tag_by_pk": .object([
                            "links": .array([
                                .object(["article_id": .number("8")]), .object(["article_id": .number("9")]),
                            ])
                        ])
                    ])
                ]))
        let (duplicate, clash) = try await Self.call(
            server, "\(p)_create_array_relationship",
            #"{"table": \#(Self.table("tag", kind)), "name": "links", "using": \#(using)}"#)
        #expect(duplicate == 400)
        #expect(clash["code"] == .string("already-exists"))
        let (broken, brokenBody) = try await Self.call(
            server, "\(p)_create_object_relationship",
            #"{"table": \#(Self.table("article", kind)), "name": "writer", "using": {"foreign_key_constraint_on": "title"}}"#
        )
        #expect(broken == 400)
        #expect(brokenBody["code"] == .string("invalid-configuration"))
        let (renamed, _) = try await Self.call(
            server, "\(p)_rename_relationship",
            #"{"table": \#(Self.table("tag", kind)), "name": "links", "new_name": "tagged"}"#)
        #expect(renamed == 200)
        let (_, viaNewName) = try await server.graphQL(
            "{ tag_by_pk(id: 4) { tagged_aggregate { aggregate { count } } } }")
        #expect(viaNewName["data"]?["tag_by_pk"]?["tagged_aggregate"]?["aggregate"]?["count"] == .number("2"))
        let (dropped, _) = try await Self.call(
            server, "\(p)_drop_relationship", #"{"table": \#(Self.table("tag", kind)), "relationship": "tagged"}"#)
        #expect(dropped == 200)
        let (_, afterDrop) = try await server.graphQL("{ tag { tagged { article_id } } }")
        #expect(afterDrop["errors"] != nil)
        await server.shutdown()
    }

    @Test("permissions are kept in the table's metadata", arguments: [DatabaseKind.sqlite, .postgres])
    func permissions(_ kind: DatabaseKind) async throws {
        let server = try await ExampleServer.isolated(kind)
        let p = Self.prefix(kind)
        let permission = #"{"columns": ["id", "name"], "filter": {"id": {"_gt": 1}}}"#
        let (created, _) = try await Self.call(
            server, "\(p)_create_select_permission",
            #"{"table": \#(Self.table("tag", kind)), "role": "auditor", "permission": \#(permission)}"#)
        #expect(created == 200)
        let (_, exported) = try await MetadataAPITests.call(server, #"{"type": "export_metadata", "args": {}}"#)
        let tag = exported["sources"]?.arrayValue?.first?["tables"]?.arrayValue?.first {
            $0["table"]?["name"] == .string("tag")
        }
        let auditor = tag?["select_permissions"]?.arrayValue?.first { $0["role"] == .string("auditor") }
        #expect(auditor?["permission"]?["columns"] == .array([.string("id"), .string("name")]))
        let (again, clash) = try await Self.call(
            server, "\(p)_create_select_permission",
            #"{"table": \#(Self.table("tag", kind)), "role": "auditor", "permission": \#(permission)}"#)
        #expect(again == 400)
        #expect(clash["code"] == .string("already-exists"))
        let (dropped, _) = try await Self.call(
            server, "\(p)_drop_select_permission", #"{"table": \#(Self.table("tag", kind)), "role": "auditor"}"#)
        #expect(dropped == 200)
        let (missing, _) = try await Self.call(
            server, "\(p)_drop_select_permission", #"{"table": \#(Self.table("tag", kind)), "role": "auditor"}"#)
        #expect(missing == 400)
        await server.shutdown()
    }

    @Test("drop_inconsistent_metadata removes what does not resolve")
    func dropInconsistent() async throws {
        let server = try await ExampleServer.isolated(.sqlite)
        let ghost =
            #"{"version": 3, "sources": [{"name": "default", "kind": "sqlite", "tables": [{"table": {"name": "ghost"}}, {"table": {"name": "tag"}}], "configuration": {}}]}"#
        _ = try await MetadataAPITests.call(
            server,
            #"{"type": "replace_metadata", "version": 2, "args": {"allow_inconsistent_metadata": true, "metadata": \#(ghost)}}"#
        )
        let (status, _) = try await MetadataAPITests.call(
            server, #"{"type": "drop_inconsistent_metadata", "args": {}}"#)
        #expect(status == 200)
        let (_, report) = try await MetadataAPITests.call(server, #"{"type": "get_inconsistent_metadata", "args": {}}"#)
        #expect(report["is_consistent"] == .bool(true))
        let (_, exported) = try await MetadataAPITests.call(server, #"{"type": "export_metadata", "args": {}}"#)
        #expect(
            exported["sources"]?.arrayValue?.first?["tables"]?.arrayValue?.map { $0["table"]?["name"] } == [
                .string("tag")
            ])
        await server.shutdown()
    }
}

@Suite("Metadata API: bulk edits")
struct MetadataBulkTests {
    @Test("a bulk of edits applies all of them or none")
    func atomic() async throws {
        let server = try await ExampleServer.isolated(.sqlite)
        let failing =
            #"{"type": "bulk", "args": [{"type": "sqlite_create_select_permission", "args": {"table": {"name": "tag"}, "role": "auditor", "permission": {"columns": ["id"], "filter": {}}}}, {"type": "sqlite_track_table", "args": {"table": {"name": "tag"}}}]}"#
        let (status, body) = try await MetadataAPITests.call(server, failing)
        #expect(status == 400)
        #expect(body["code"] == .string("already-exists"))
        #expect(body["path"] == .string("$.args[1].args"))
        let (_, exported) = try await MetadataAPITests.call(server, #"{"type": "export_metadata", "args": {}}"#)
        let tag = exported["sources"]?.arrayValue?.first?["tables"]?.arrayValue?.first {
            $0["table"]?["name"] == .string("tag")
        }
        #expect(tag?["select_permissions"]?.arrayValue?.contains { $0["role"] == .string("auditor") } == false)
        let working =
            #"{"type": "bulk", "args": [{"type": "sqlite_create_select_permission", "args": {"table": {"name": "tag"}, "role": "auditor", "permission": {"columns": ["id"], "filter": {}}}}, {"type": "sqlite_rename_relationship", "args": {"table": {"name": "tag"}, "name": "article_tags", "new_name": "links"}}]}"#
        let (okStatus, answers) = try await MetadataAPITests.call(server, working)
        #expect(okStatus == 200)
        #expect(answers.arrayValue?.count == 2)
        let (_, renamed) = try await server.graphQL("{ tag_by_pk(id: 5) { links { article_id } } }")
        #expect(renamed == .object(["data": .object(["tag_by_pk": .object(["links": .array([])])])]))
        await server.shutdown()
    }
}
