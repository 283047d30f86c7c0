import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MinistackCore
import MinistackTesting
import OrderedCollections
import Testing

/// `POST /v2/query` with `run_sql`, as the console's SQL tab uses it.
@Suite("run_sql")
struct RunSQLTests {
    static func run(_ server: ExampleServer, _ body: String) async throws -> (status: Int, body: JSONValue) {
        try await server.withClient { client in
            try await client.execute(uri: "/v2/query", method: .post, body: ByteBuffer(string: body)) {
                (Int($0.status.code), try JSONParser.parse(String(buffer: $0.body)))
            }
        }
    }

    @Test("a select answers a header row and text values", arguments: [DatabaseKind.sqlite, .postgres])
    func select(_ kind: DatabaseKind) async throws {
        let server = try await ExampleServer.shared(kind)
        let adaBio = try #require(try await Self.bio(of: 1, from: server))
        let (status, body) = try await Self.run(
            server,
            #"{"type": "run_sql", "args": {"source": "default", "sql": "SELECT id, name, bio FROM author WHERE id IN (1, 4) ORDER BY id", "read_only": true}}"#
        )
        #expect(status == 200)
        #expect(
            body
                == .object([
                    "result_type": .string("TuplesOk"),
                    "result": .array([
                        .array([.string("id"), .string("name"), .string("bio")]),
                        .array([.string("1"), .string("Ada Lovelace"), adaBio]),
                        .array([.string("4"), .string("Brian O'Brien"), .string("NULL")]),
                    ]),
                ]))
    }

    static func bio(of id: Int, from server: ExampleServer) async throws -> JSONValue? {
        let (_, body) = try await server.graphQL("{ author_by_pk(id: \(id)) { bio } }")
        return body["data"]?["author_by_pk"]?["bio"]
    }

    @Test("DDL answers CommandOk and the new table can then be tracked", arguments: [DatabaseKind.sqlite, .postgres])
    func ddlThenTrack(_ kind: DatabaseKind) async throws {
        let server = try await ExampleServer.isolated(kind)
        let (status, body) = try await Self.run(
            server, #"{"type": "run_sql", "args": {"sql": "CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)"}}"#)
        #expect(status == 200)
        #expect(body == .object(["result_type": .string("CommandOk"), "result": .null]))
        let prefix = kind == .postgres ? "pg" : "sqlite"
        let (tracked, _) = try await MetadataAPITests.call(
            server, #"{"type": "\#(prefix)_track_table", "args": {"table": {"name": "note"}}}"#)
        #expect(tracked == 200)
        let (_, inserted) = try await server.graphQL(
            #"mutation { insert_note_one(object: {id: 1, text: "hi"}) { id text } }"#)
        #expect(
            inserted
                == .object(["data": .object(["insert_note_one": .object(["id": .number("1"), "text": .string("hi")])])])
        )
        await server.shutdown()
    }

    @Test("a failing statement is a 400 with the database's message for admins")
    func failure() async throws {
        let (status, body) = try await Self.run(
            ExampleServer.shared(.sqlite),
            #"{"type": "run_sql", "args": {"sql": "SELECT nope FROM nothing", "read_only": true}}"#)
        #expect(status == 400)
        #expect(body["code"] == .string("postgres-error"))
        #expect(body["error"] == .string("query execution failed"))
        #expect(body["internal"] != nil)
    }
}
