import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MinistackCore
import MinistackTesting
import OrderedCollections
import Testing

/// `add_remote_schema`, `update_remote_schema`, `remove_remote_schema`, `reload_remote_schema`
/// and `introspect_remote_schema`.
@Suite("Metadata API: remote schemas")
struct MetadataRemoteSchemasAPITests {
    static func call(_ server: ExampleServer, _ type: String, _ arguments: String) async throws -> (
        status: Int, body: JSONValue
    ) {
        try await MetadataOperationTests.call(server, type, arguments)
    }

    static func remoteSchemas(_ server: ExampleServer) async throws -> JSONValue? {
        try await MetadataAPITests.call(server, #"{"type": "export_metadata", "args": {}}"#).body["remote_schemas"]
    }

    static func error(_ code: String, _ message: String) -> JSONValue {
        .fields([("path", .string("$.args")), ("error", .string(message)), ("code", .string(code))])
    }

    @Test("a remote schema is added as Hasura exports it, updated keeping its permissions, and removed")
    func lifecycle() async throws {
        let weather = try await RemoteGraphQLServer.start(.weather)
        defer { weather.stop() }
        let moved = try await RemoteGraphQLServer.start(.weather)
        defer { moved.stop() }
        let server = try await ExampleServer.isolated(.sqlite)
        let add = #"""
            {"name": "countries", "comment": "Country data",
             "definition": {"headers": [{"value": "k", "name": "x-api-key"}], "forward_client_headers": false,
                            "customization": {"type_names": {"suffix": "_t", "prefix": "Geo_"}, "root_fields_namespace": "geo"},
                            "timeout_seconds": 30, "url": "\#(weather.url)"}}
            """#
        #expect(try await Self.call(server, "add_remote_schema", add).status == 200)
        #expect(
            try await Self.remoteSchemas(server)?.serialized
                == #"[{"name":"countries","definition":{"url":"\#(weather.url)","timeout_seconds":30,"customization":{"root_fields_namespace":"geo","type_names":{"prefix":"Geo_","suffix":"_t"}},"headers":[{"name":"x-api-key","value":"k"}]},"comment":"Country data"}]"#
        )
        #expect(
            try await Self.call(server, "add_remote_schema", add).body
                == Self.error("already-exists", "remote schema with name \"countries\" already exists"))

        // Permissions are kept across an update.
        let (_, exported) = try await MetadataAPITests.call(server, #"{"type": "export_metadata", "args": {}}"#)
        var metadata = try #require(exported.objectValue)
        var entry = try #require(exported["remote_schemas"]?.arrayValue?.first?.objectValue)
        entry["permissions"] = .array([
            .fields([
                ("role", .string("user")), ("definition", .fields([("schema", .string("type Query { a: Int }"))])),
            ])
        ])
        metadata["remote_schemas"] = .array([.object(entry)])
        let replace = JSONValue.fields([("type", .string("replace_metadata")), ("args", .object(metadata))])
        #expect(try await MetadataAPITests.call(server, replace.serialized).status == 200)
        let update = #"{"name": "countries", "definition": {"url": "\#(moved.url)", "forward_client_headers": true}}"#
        #expect(try await Self.call(server, "update_remote_schema", update).status == 200)
        let updated = try await Self.remoteSchemas(server)?.arrayValue?.first
        #expect(
            updated?["definition"]
                == .fields([("url", .string(moved.url)), ("forward_client_headers", .bool(true))]))
        #expect(updated?["comment"] == nil)
        #expect(updated?["permissions"]?.arrayValue?.count == 1)

        #expect(try await Self.call(server, "reload_remote_schema", #"{"name": "countries"}"#).status == 200)
        #expect(try await Self.call(server, "remove_remote_schema", #"{"name": "countries"}"#).status == 200)
        #expect(try await Self.remoteSchemas(server) == nil)
        await server.shutdown()
    }

    @Test(
        "calls that Hasura refuses are refused with its message",
        arguments: [
            ("remove_remote_schema", #"{"name": "nope"}"#, "not-exists", "no such remote schema"),
            (
                "update_remote_schema", #"{"name": "nope", "definition": {"url": "http://h"}}"#, "not-exists",
                "remote schema with name \"nope\" doesn't exist"
            ),
            (
                "reload_remote_schema", #"{"name": "nope"}"#, "not-exists",
                "remote schema with name \"nope\" does not exist"
            ),
            ("introspect_remote_schema", #"{"name": "nope"}"#, "not-exists", "remote schema: \"nope\" not found"),
            (
                "add_remote_schema", #"{"name": "r", "definition": {}}"#, "invalid-params",
                "both `url` and `url_from_env` can't be empty"
            ),
            (
                "add_remote_schema", #"{"name": "r", "definition": {"url": "http://h", "url_from_env": "H"}}"#,
                "invalid-params",
                "both `url` and `url_from_env` can't be present"
            ),
            ("add_remote_schema", #"{"name": "r"}"#, "parse-failed", "key \"definition\" not found"),
            (
                "add_remote_schema", #"{"name": "r", "definition": {"url_from_env": "REMOTE_URL"}}"#,
                "invalid-configuration",
                "in remote_schema r: environment variable 'REMOTE_URL' not set"
            ),
        ])
    func refused(type: String, arguments: String, code: String, message: String) async throws {
        let (status, body) = try await Self.call(ExampleServer.shared(.sqlite), type, arguments)
        #expect(status == 400)
        #expect(body == Self.error(code, message))
    }

    @Test("introspect_remote_schema posts the introspection query with the remote's headers and answers its answer")
    func introspect() async throws {
        let router = Router()
        router.post("/graphql") { request, _ -> Response in
            let body = String(buffer: try await request.body.collect(upTo: 1 << 20))
            let schema = try JSONParser.parse(IntrospectionOnlyServer.answer)["data"] ?? .null
            let answer = JSONValue.fields([
                ("data", schema),
                (
                    "extensions",
                    .fields([
                        ("key", .string(request.headers[HTTPField.Name("x-api-key")!] ?? "")),
                        ("introspection", .bool(body.contains("__schema") && body.contains("IntrospectionQuery"))),
                    ])
                ),
            ])
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: answer.serialized)))
        }
        router.post("/broken") { _, _ -> Response in Response(status: .badGateway) }
        let remote = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        let server = try await ExampleServer.isolated(.sqlite)
        try await remote.test(.live) { client in
            let port = try #require(client.port)
            let add =
                #"{"name": "remote", "definition": {"url": "http://127.0.0.1:\#(port)/graphql", "headers": [{"name": "x-api-key", "value": "k3y"}]}}"#
            #expect(try await Self.call(server, "add_remote_schema", add).status == 200)
            let (status, body) = try await Self.call(server, "introspect_remote_schema", #"{"name": "remote"}"#)
            #expect(status == 200)
            #expect(body["data"]?["__schema"]?["queryType"]?["name"] == .string("Query"))
            #expect(body["extensions"] == .fields([("key", .string("k3y")), ("introspection", .bool(true))]))
            // A remote that cannot be introspected is not added, as on Hasura.
            let broken = #"{"name": "broken", "definition": {"url": "http://127.0.0.1:\#(port)/broken"}}"#
            let (refused, answer) = try await Self.call(server, "add_remote_schema", broken)
            #expect(refused == 400)
            #expect(
                answer["error"]
                    == .string(
                        "in remote_schema broken: introspection query to http://127.0.0.1:\(port)/broken has responded with 502 status code"
                    ))
        }
        await server.shutdown()
    }
}
