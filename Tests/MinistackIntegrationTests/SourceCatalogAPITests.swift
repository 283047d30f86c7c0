import MinistackCore
import MinistackTesting
import Testing

/// `*_get_source_tables` and `*_suggest_relationships`, which the console's data view uses to
/// list untracked tables and offer the relationships their foreign keys allow.
@Suite("Source catalog calls of /v1/metadata")
struct SourceCatalogAPITests {
    static func call(_ server: ExampleServer, _ type: String, _ arguments: String) async throws -> (
        status: Int, body: JSONValue
    ) {
        try await MetadataOperationTests.call(
            server, "\(MetadataOperationTests.prefix(server.kind))_\(type)", arguments)
    }

    static func table(_ name: String, _ kind: DatabaseKind) -> JSONValue {
        kind == .postgres
            ? .fields([("name", .string(name)), ("schema", .string("public"))]) : .fields([("name", .string(name))])
    }

    @Test(
        "a new table is listed untracked; once tracked, its foreign key suggests both directions",
        arguments: [DatabaseKind.sqlite, .postgres])
    func newTable(_ kind: DatabaseKind) async throws {
        let server = try await ExampleServer.isolated(kind)
        defer { Task { await server.shutdown() } }

        let (status, before) = try await Self.call(server, "get_source_tables", "{}")
        #expect(status == 200, "\(before.serialized)")
        #expect(
            before == .array(["article", "article_tag", "author", "comment", "tag"].map { Self.table($0, kind) }))

        // The example's relationships already cover every foreign key.
        let (_, covered) = try await Self.call(server, "suggest_relationships", #"{"omit_tracked": true}"#)
        #expect(covered == .fields([("relationships", .array([]))]))

        _ = try await EventDeliveryTests.runSQL(
            server, "CREATE TABLE fan_club (author_id INTEGER PRIMARY KEY REFERENCES author (id), motto TEXT)")
        let (_, after) = try await Self.call(server, "get_source_tables", "{}")
        #expect(after.arrayValue?.contains(Self.table("fan_club", kind)) == true, "\(after.serialized)")
        // Not tracked yet: nothing to suggest between it and the others.
        let (_, untracked) = try await Self.call(server, "suggest_relationships", #"{"omit_tracked": true}"#)
        #expect(untracked == .fields([("relationships", .array([]))]))

        let profile = Self.table("fan_club", kind)
        let (trackStatus, tracked) = try await Self.call(
            server, "track_table", #"{"table": \#(profile.serialized)}"#)
        #expect(trackStatus == 200, "\(tracked.serialized)")
        let (_, suggested) = try await Self.call(server, "suggest_relationships", #"{"omit_tracked": true}"#)
        // `author_id` is profile's primary key, so the way back is an object relationship too.
        let expected = JSONValue.fields([
            (
                "relationships",
                .array([
                    .fields([
                        ("type", .string("object")),
                        (
                            "from",
                            .fields([
                                ("table", profile), ("columns", .array([.string("author_id")])),
                                ("constraint_name", .string("fan_club_author_id_fkey")),
                            ])
                        ),
                        ("to", .fields([("table", Self.table("author", kind)), ("columns", .array([.string("id")]))])),
                    ]),
                    .fields([
                        ("type", .string("object")),
                        (
                            "from",
                            .fields([("table", Self.table("author", kind)), ("columns", .array([.string("id")]))])
                        ),
                        (
                            "to",
                            .fields([
                                ("table", profile), ("columns", .array([.string("author_id")])),
                                ("constraint_name", .string("fan_club_author_id_fkey")),
                            ])
                        ),
                    ]),
                ])
            )
        ])
        #expect(suggested == expected, "\(suggested.serialized)")

        // `tables` keeps the suggestions starting at those tables.
        let (_, fromAuthor) = try await Self.call(
            server, "suggest_relationships",
            #"{"tables": [\#(Self.table("author", kind).serialized)], "omit_tracked": true}"#)
        #expect(fromAuthor["relationships"]?.arrayValue?.count == 1)
        #expect(fromAuthor["relationships"]?.arrayValue?.first?["from"]?["table"] == Self.table("author", kind))

        // The call the console makes for the way back, then the relationship answers queries.
        let (created, answer) = try await Self.call(
            server, "create_object_relationship",
            #"{"table": \#(Self.table("author", kind).serialized), "name": "fan_club", "using": {"foreign_key_constraint_on": {"table": \#(profile.serialized), "column": "author_id"}}}"#
        )
        #expect(created == 200, "\(answer.serialized)")
        _ = try await EventDeliveryTests.runSQL(
            server, "INSERT INTO fan_club (author_id, motto) VALUES (1, 'Poetical science')")
        let (_, data) = try await server.graphQL("{ author_by_pk(id: 1) { fan_club { motto } } }")
        #expect(
            data["data"]?["author_by_pk"]?["fan_club"]?["motto"] == .string("Poetical science"), "\(data.serialized)")
        let (_, remaining) = try await Self.call(server, "suggest_relationships", #"{"omit_tracked": true}"#)
        #expect(remaining["relationships"]?.arrayValue?.map { $0["from"]?["table"] } == [profile])
    }

    @Test("errors: an unknown source, tables that are not a list")
    func errors() async throws {
        let server = try await ExampleServer.shared(.sqlite)
        let (status, body) = try await Self.call(server, "get_source_tables", #"{"source": "nowhere"}"#)
        #expect(status == 400)
        #expect(body["code"] == .string("not-exists"))
        #expect(body["error"] == .string("source with name \"nowhere\" does not exist"))
        let (badStatus, bad) = try await Self.call(server, "suggest_relationships", #"{"tables": "author"}"#)
        #expect(badStatus == 400)
        #expect(bad["code"] == .string("parse-failed"))
        #expect(bad["path"] == .string("$.args.tables"))
    }
}
