import MinistackCore
import MinistackTesting
import Testing

/// An upsert that updates a row is an update, as on Hasura: the row answers to the role's
/// update `check` (not the insert check) and gets the update presets; a row it inserts answers
/// to the insert check.
@Suite("Upserts under update permissions")
struct UpsertPermissionTests {
    static let role = ["x-hasura-role": "curator", "x-hasura-email": "curator@example.com"]

    static func served(_ kind: DatabaseKind) async throws -> ExampleServer {
        let server = try await ExampleServer.isolated(kind)
        let prefix = MetadataOperationTests.prefix(kind)
        let author = MetadataOperationTests.table("author", kind)
        let calls = [
            (
                "insert",
                #"{"columns": ["id", "name", "bio", "external_id"], "check": {"bio": {"_like": "new%"}}}"#
            ),
            (
                "update",
                #"{"columns": ["name", "bio"], "filter": {}, "check": {"bio": {"_like": "edited%"}}, "set": {"email": "X-Hasura-Email"}}"#
            ),
            ("select", #"{"columns": ["id", "name", "bio", "email"], "filter": {}}"#),
        ]
        for (operation, permission) in calls {
            let (status, body) = try await MetadataOperationTests.call(
                server, "\(prefix)_create_\(operation)_permission",
                #"{"table": \#(author), "role": "curator", "permission": \#(permission)}"#)
            try #require(status == 200, "\(body.serialized)")
        }
        return server
    }

    static func upsert(_ server: ExampleServer, _ objects: String) async throws -> JSONValue {
        let (_, body) = try await server.graphQL(
            """
            mutation { insert_author(objects: [\(objects)], on_conflict: {constraint: author_pkey, update_columns: [name, bio]}) {
              returning { id name bio email } } }
            """, headers: role)
        return body
    }

    static func author(_ server: ExampleServer, _ id: Int) async throws -> JSONValue {
        let (_, body) = try await server.graphQL("{ author_by_pk(id: \(id)) { name bio email } }")
        return body["data"]?["author_by_pk"] ?? body
    }

    @Test(
        "inserted rows take the insert check, updated rows the update check and presets",
        arguments: [DatabaseKind.sqlite, .postgres])
    func checks(_ kind: DatabaseKind) async throws {
        let server = try await Self.served(kind)
        defer { Task { await server.shutdown() } }
        let before = try await Self.author(server, 1)

        // Updating row 1 with a bio only the insert check allows: refused, nothing changes.
        let refused = try await Self.upsert(
            server, #"{id: 1, name: "Ada", bio: "new bio", external_id: "c0a80101-0000-4000-8000-000000000001"}"#)
        #expect(
            refused.serialized
                == #"{"errors":[{"message":"check constraint of an insert/update permission has failed","extensions":{"path":"$.selectionSet.insert_author.args.objects","code":"permission-error"}}]}"#
        )
        #expect(try await Self.author(server, 1) == before)

        // A new row and an update in one request, each passing its own check, in request order.
        let mixed = try await Self.upsert(
            server,
            #"{id: 100, name: "Newcomer", bio: "new here", external_id: "c0a80101-0000-4000-8000-000000000100"}, {id: 1, name: "Ada L.", bio: "edited by the curator", external_id: "c0a80101-0000-4000-8000-000000000001"}"#
        )
        #expect(
            mixed.serialized
                == #"{"data":{"insert_author":{"returning":[{"id":100,"name":"Newcomer","bio":"new here","email":null},{"id":1,"name":"Ada L.","bio":"edited by the curator","email":"curator@example.com"}]}}}"#
        )

        // Inserting a row with a bio only the update check allows: refused.
        let newRow = try await Self.upsert(
            server, #"{id: 101, name: "Other", bio: "edited", external_id: "c0a80101-0000-4000-8000-000000000101"}"#)
        #expect(newRow["errors"]?.arrayValue?.first?["extensions"]?["code"] == .string("permission-error"))
        #expect(try await Self.author(server, 101) == .null)
    }
}
