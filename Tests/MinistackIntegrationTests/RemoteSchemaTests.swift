import Foundation
import MinistackCore
import MinistackEngine
import MinistackTesting
import OrderedCollections
import Testing

/// Remote schemas end to end: real GraphQL servers in the test (`RemoteGraphQLServer`), added
/// through the metadata API, queried through `/v1/graphql` next to tables.
@Suite("Remote schemas")
struct RemoteSchemaTests {
    static func add(
        _ server: ExampleServer, name: String, url: String, customization: String? = nil, extra: String = ""
    ) async throws -> (status: Int, body: JSONValue) {
        let custom = customization.map { #", "customization": \#($0)"# } ?? ""
        return try await MetadataRemoteSchemasAPITests.call(
            server, "add_remote_schema",
            #"{"name": "\#(name)", "definition": {"url": "\#(url)"\#(custom)\#(extra)}}"#)
    }

    /// The library remote as is, the weather remote under `weather` with `W_` types.
    static func setUp(_ server: ExampleServer, library: RemoteGraphQLServer, weather: RemoteGraphQLServer)
        async throws
    {
        let added = try await Self.add(
            server, name: "library", url: library.url, extra: #", "headers": [{"name": "x-api-key", "value": "k"}]"#)
        #expect(added.status == 200, "\(added.body.serialized)")
        let namespaced = try await Self.add(
            server, name: "weather", url: weather.url,
            customization:
                #"{"root_fields_namespace": "weather", "type_names": {"prefix": "W_"}, "field_names": [{"parent_type": "Forecast", "mapping": {"high": "max"}}]}"#
        )
        #expect(namespaced.status == 200, "\(namespaced.body.serialized)")
    }

    /// A fresh example server with both remotes added as `setUp` adds them.
    static func served() async throws -> (ExampleServer, RemoteGraphQLServer, RemoteGraphQLServer) {
        let library = try await RemoteGraphQLServer.start(.library)
        let weather = try await RemoteGraphQLServer.start(.weather)
        let server = try await ExampleServer.isolated(.sqlite)
        try await setUp(server, library: library, weather: weather)
        return (server, library, weather)
    }

    @Test("tables and two remotes in one query: selection order, customized names, __typename, fragments, variables")
    func mixed() async throws {
        let (server, library, weather) = try await Self.served()
        defer {
            library.stop()
            weather.stop()
        }
        library.clearRequests()
        let query = #"""
            query Mixed($id: ID!, $city: String!) {
              first: book(id: $id) { __typename title ...Written }
              tag(order_by: {id: asc}, limit: 1) { name }
              found: search(text: "Cosmos") { __typename ... on Book { title genre } ... on Author { name } }
              weather { __typename forecast(city: $city, days: 1) { __typename city max condition } }
              node(id: "author-2") { id ... on Author { name } }
            }
            fragment Written on Book { author { name } tags }
            """#
        let (status, body) = try await server.graphQL(
            query, variables: .fields([("id", .string("book-1")), ("city", .string("Oslo"))]))
        #expect(status == 200)
        #expect(body["errors"] == nil, "\(body.serialized)")
        let data = try #require(body["data"]?.objectValue)
        #expect(data.keys.map { $0 } == ["first", "tag", "found", "weather", "node"])
        #expect(data["first"]?["__typename"] == .string("Book"))
        #expect(data["first"]?["title"] == .string("A Wizard of Earthsea"))
        #expect(data["first"]?["author"]?["name"] == .string("Ursula K. Le Guin"))
        #expect(data["first"]?["tags"]?.arrayValue != nil)
        #expect(data["tag"]?.arrayValue?.count == 1)
        #expect(data["found"]?.arrayValue?.first?["__typename"] == .string("Book"))
        #expect(data["found"]?.arrayValue?.first?["genre"] == .string("SCIENCE"))
        #expect(data["weather"]?["__typename"] == .string("W_Query"), "\(body.serialized)")
        let forecast = try #require(data["weather"]?["forecast"]?.arrayValue?.first)
        #expect(forecast["__typename"] == .string("W_Forecast"))
        #expect(forecast["city"] == .string("Oslo") && forecast["max"]?.stringValue == nil && forecast["max"] != nil)
        #expect(data["node"]?["name"] == .string("Carl Sagan"))

        // What the library received: its own names, only the variables used, the configured header.
        let sent = library.requests.compactMap(\.query)
        #expect(sent.contains { $0.contains("query ($id: ID!) { first: book(id: $id)") }, "\(sent)")
        #expect(library.requests.allSatisfy { $0.header("x-api-key") == "k" })
        let weatherQuery = try #require(weather.requests.last?.query)
        #expect(weatherQuery.contains("max: high"), "\(weatherQuery)")
        #expect(weather.requests.last?.variables == .fields([("city", .string("Oslo"))]))
        await server.shutdown()
    }

    @Test("errors come back with their paths under the field; a failing remote leaves the other fields answering")
    func errorsAndPartialData() async throws {
        let (server, library, weather) = try await Self.served()
        defer {
            library.stop()
            weather.stop()
        }
        let (_, body) = try await server.graphQL(
            #"{ failing tag(limit: 1) { id } partialBooks { title published } weather { forecast(city: "Oslo", days: 9) { city } } }"#
        )
        #expect(body["data"]?["failing"] == .null)
        #expect(body["data"]?["tag"]?.arrayValue?.count == 1)
        #expect(body["data"]?["partialBooks"]?.arrayValue?.count == 3, "\(body.serialized)")
        #expect(body["data"]?["partialBooks"]?.arrayValue?[1]["published"] == .null)
        #expect(body["data"]?["weather"] == .null, "the namespace's only field failed")
        let paths = Set((body["errors"]?.arrayValue ?? []).map { $0["path"]?.serialized ?? "" })
        #expect(
            paths == [#"["failing"]"#, #"["partialBooks",1,"published"]"#, #"["weather","forecast"]"#],
            "\(body.serialized)")

        // A remote that does not answer in time: its field is null with an error, tables still answer.
        let slow = try await RemoteGraphQLServer.start(.library, name: "slow")
        defer { slow.stop() }
        let added = try await Self.add(
            server, name: "slow", url: slow.url,
            customization: #"{"root_fields_namespace": "slow", "type_names": {"prefix": "S_"}}"#,
            extra: #", "timeout_seconds": 3"#)
        #expect(added.status == 200, "\(added.body.serialized)")
        slow.delay = .seconds(6)
        let (_, late) = try await server.graphQL(#"{ slow { hello } tag(limit: 1) { id } }"#)
        #expect(late["data"]?["slow"] == .null)
        #expect(late["data"]?["tag"]?.arrayValue?.count == 1)
        #expect(late["errors"]?.arrayValue?.first?["path"] == .array([.string("slow")]))
        #expect(late["errors"]?.arrayValue?.first?["extensions"]?["code"] == .string("remote-schema-error"))
        await server.shutdown()
    }

    @Test("mutations run in document order with table mutations")
    func mutations() async throws {
        let (server, library, weather) = try await Self.served()
        defer {
            library.stop()
            weather.stop()
        }
        let (_, body) = try await server.graphQL(
            #"mutation { a: addBook(input: {title: "One", genre: SCIENCE, authorId: "author-2"}) { id title author { name } } insert_tag_one(object: {id: 60, name: "new"}) { id } b: addBook(input: {title: "Two", genre: HISTORY, authorId: "author-3"}) { id } }"#
        )
        #expect(body["errors"] == nil, "\(body.serialized)")
        #expect(body["data"]?["a"]?["id"] == .string("book-5"))
        #expect(body["data"]?["a"]?["author"]?["name"] == .string("Carl Sagan"))
        #expect(body["data"]?["insert_tag_one"]?["id"] == .number("60"))
        #expect(body["data"]?["b"]?["id"] == .string("book-6"))
        #expect(body["data"]?.objectValue?.keys.map { $0 } == ["a", "insert_tag_one", "b"])
        await server.shutdown()
    }

    @Test("a clash is refused naming both sides; an unreachable remote is an inconsistency until a reload picks it up")
    func clashesAndReload() async throws {
        let library = try await RemoteGraphQLServer.start(.library)
        let weather = try await RemoteGraphQLServer.start(.weather)
        defer {
            library.stop()
            weather.stop()
        }
        let server = try await ExampleServer.isolated(.sqlite)
        #expect(try await Self.add(server, name: "library", url: library.url).status == 200)
        let (status, clash) = try await Self.add(server, name: "weather", url: weather.url)
        #expect(status == 400)
        #expect(
            clash["error"]?.stringValue?.contains("of remote schema weather conflicts with remote schema library")
                == true, "\(clash.serialized)")

        // Metadata naming a remote that fails at load is served without it, then a reload picks it up.
        weather.answerNext(status: 500, body: "down")
        let (_, exported) = try await MetadataAPITests.call(server, #"{"type": "export_metadata", "args": {}}"#)
        var metadata = try #require(exported.objectValue)
        var remotes = metadata["remote_schemas"]?.arrayValue ?? []
        remotes.append(
            try JSONParser.parse(
                #"{"name": "weather", "definition": {"url": "\#(weather.url)", "customization": {"root_fields_namespace": "weather", "type_names": {"prefix": "W_"}}}}"#
            ))
        metadata["remote_schemas"] = .array(remotes)
        let replace = JSONValue.fields([
            ("type", .string("replace_metadata")),
            ("args", .fields([("metadata", .object(metadata)), ("allow_inconsistent_metadata", .bool(true))])),
        ])
        let (_, replaced) = try await MetadataAPITests.call(server, replace.serialized)
        #expect(replaced["is_consistent"] == .bool(false), "\(replaced.serialized)")
        let missing = try await server.graphQL("{ weather { hello } }")
        #expect(missing.body["errors"] != nil)
        #expect(try await server.graphQL("{ hello }").body["data"]?["hello"] == .string("Hello from library!"))
        #expect(
            try await MetadataRemoteSchemasAPITests.call(server, "reload_remote_schema", #"{"name": "weather"}"#)
                .status == 200)
        let found = try await server.graphQL("{ weather { hello } }")
        #expect(found.body["data"]?["weather"]?["hello"] == .string("Hello from weather!"), "\(found.body.serialized)")
        await server.shutdown()
    }

    @Test("client headers are forwarded only when asked; only admin and the permitted roles see a remote")
    func headersAndRoles() async throws {
        let library = try await RemoteGraphQLServer.start(.library)
        defer { library.stop() }
        let server = try await ExampleServer.isolated(.sqlite)
        let added = try await Self.add(
            server, name: "library", url: library.url,
            extra: #", "forward_client_headers": true, "headers": [{"name": "x-api-key", "value": "k"}]"#)
        #expect(added.status == 200)
        let (_, echoed) = try await server.graphQL(
            "{ echoHeaders { name value } }", headers: ["x-custom": "abc", "x-hasura-admin-secret": "not-for-remotes"])
        let headers = Dictionary(
            (echoed["data"]?["echoHeaders"]?.arrayValue ?? []).compactMap { header in
                header["name"]?.stringValue.map { ($0, header["value"]?.stringValue ?? "") }
            }, uniquingKeysWith: { first, _ in first })
        #expect(headers["x-custom"] == "abc", "\(echoed.serialized)")
        #expect(headers["x-api-key"] == "k")
        #expect(headers["x-hasura-admin-secret"] == nil, "the admin secret is never forwarded")

        let user = ["x-hasura-role": "user", "x-hasura-user-id": "1"]
        #expect(try await server.graphQL("{ hello }", headers: user).body["errors"] != nil, "not permitted yet")
        let (_, exported) = try await MetadataAPITests.call(server, #"{"type": "export_metadata", "args": {}}"#)
        var metadata = try #require(exported.objectValue)
        var entry = try #require(exported["remote_schemas"]?.arrayValue?.first?.objectValue)
        entry["permissions"] = .array([
            .fields([
                ("role", .string("user")),
                ("definition", .fields([("schema", .string("type Query { hello: String! }"))])),
            ])
        ])
        metadata["remote_schemas"] = .array([.object(entry)])
        let replace = JSONValue.fields([("type", .string("replace_metadata")), ("args", .object(metadata))])
        #expect(try await MetadataAPITests.call(server, replace.serialized).status == 200)
        #expect(
            try await server.graphQL("{ hello }", headers: user).body["data"]?["hello"]
                == .string("Hello from library!"))
        await server.shutdown()
    }

    @Test("the merged schema's introspection rebuilds in a client library (graphql-core's build_client_schema)")
    func introspectionRoundTrip() async throws {
        let (server, library, weather) = try await Self.served()
        defer {
            library.stop()
            weather.stop()
        }
        let introspectionQuery = try String(
            contentsOfFile: ExampleProject.root + "/Tests/MinistackIntegrationTests/FullIntrospectionQuery.graphql",
            encoding: .utf8)
        let (_, body) = try await server.graphQL(introspectionQuery)
        #expect(body["errors"] == nil)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("merged-\(UUID().uuidString).json")
        try body.serialized.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
            import json, sys
            from graphql import build_client_schema, print_schema
            schema = build_client_schema(json.load(open(sys.argv[1]))["data"])
            text = print_schema(schema)
            for needed in ["union SearchResult = Book | Author", "type W_Forecast", "weather: W_Query!", "type tag "]:
                assert needed in text, needed
            print("ok", len(schema.type_map))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        process.waitUntilExit()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(output.hasPrefix("ok "), "\(output)")
        await server.shutdown()
    }
}
