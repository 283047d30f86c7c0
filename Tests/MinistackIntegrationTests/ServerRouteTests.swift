import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MinistackCore
import MinistackTesting
import OrderedCollections
import Testing

@Suite("HTTP routes")
struct ServerRouteTests {
    @Test("/healthz answers OK when the database does", arguments: [DatabaseKind.sqlite, .postgres])
    func health(_ kind: DatabaseKind) async throws {
        let server = try await ExampleServer.shared(kind)
        let (status, text) = try await server.withClient { client in
            try await client.execute(uri: "/healthz", method: .get) { (Int($0.status.code), String(buffer: $0.body)) }
        }
        #expect(status == 200)
        #expect(text == "OK")
    }

    @Test("/v1/version reports the version")
    func version() async throws {
        let server = try await ExampleServer.shared(.sqlite)
        let body = try await server.withClient { client in
            try await client.execute(uri: "/v1/version", method: .get) { try JSONParser.parse(String(buffer: $0.body)) }
        }
        #expect(body["version"]?.stringValue?.isEmpty == false)
    }

    @Test("a request without a query names the missing key")
    func missingQuery() async throws {
        let (status, body) = try await ExampleServer.shared(.sqlite).post(body: #"{"variables": {}}"#)
        #expect(status == 200)
        #expect(body["errors"]?.arrayValue?.first?["message"] == .string("key \"query\" not found"))
    }

    @Test("a batch of requests answers with an array in order")
    func batch() async throws {
        let (status, body) = try await ExampleServer.shared(.sqlite).post(
            body: #"[{"query": "{ tag_by_pk(id: 1) { name } }"}, {"query": "{ tag_by_pk(id: 2) { name } }"}]"#)
        #expect(status == 200)
        #expect(
            body
                == .array([
                    .object(["data": .object(["tag_by_pk": .object(["name": .string("math")])])]),
                    .object(["data": .object(["tag_by_pk": .object(["name": .string("programming")])])]),
                ]))
    }

    @Test(
        "with an admin secret, a missing or wrong secret is access-denied",
        arguments: [
            ([String: String](), "x-hasura-admin-secret/x-hasura-access-key required, but not found"),
            (["x-hasura-admin-secret": "wrong"], "invalid x-hasura-admin-secret/x-hasura-access-key"),
        ])
    func adminSecretDenied(headers: [String: String], message: String) async throws {
        let (status, body) = try await ExampleServer.shared(.sqlite).graphQL(
            "{ tag { id } }", headers: headers, adminSecret: "s3cret")
        #expect(status == 200)
        #expect(
            body
                == .object([
                    "errors": .array([
                        .object([
                            "message": .string(message),
                            "extensions": .object(["path": .string("$"), "code": .string("access-denied")]),
                        ])
                    ])
                ]))
    }

    @Test("with the right admin secret, the request is admin")
    func adminSecretAccepted() async throws {
        let (_, body) = try await ExampleServer.shared(.sqlite).graphQL(
            "{ tag_aggregate { aggregate { count } } }", headers: ["X-Hasura-Admin-Secret": "s3cret"],
            adminSecret: "s3cret")
        #expect(
            body
                == .object([
                    "data": .object(["tag_aggregate": .object(["aggregate": .object(["count": .number("5")])])])
                ]))
    }

    @Test("a role without permissions sees no tables")
    func roleWithoutPermissions() async throws {
        let server = try await ExampleServer.shared(.sqlite)
        let (_, denied) = try await server.graphQL("{ tag { id } }", headers: ["x-hasura-role": "auditor"])
        #expect(
            denied["errors"]?.arrayValue?.first?["message"] == .string("field 'tag' not found in type: 'query_root'"))
        let (_, placeholder) = try await server.graphQL(
            "{ no_queries_available }", headers: ["x-hasura-role": "auditor"])
        #expect(
            placeholder["data"]?["no_queries_available"]?.stringValue?.hasPrefix("There are no queries available")
                == true)
    }

    @Test("a value the database rejects is a data-exception, with details for admins only")
    func dataException() async throws {
        let server = try await ExampleServer.shared(.postgres)
        let (status, body) = try await server.graphQL(#"{ author(where: {born: {_eq: "not-a-date"}}) { id } }"#)
        #expect(status == 200)
        let error = try #require(body["errors"]?.arrayValue?.first)
        #expect(error["extensions"]?["code"] == .string("data-exception"))
        #expect(error["message"]?.stringValue?.contains("invalid input syntax for type date") == true)
        #expect(body["data"] == nil)
    }

    @Test(
        "the full introspection query GraphiQL and codegen send is answered",
        arguments: [DatabaseKind.sqlite, .postgres])
    func fullIntrospection(_ kind: DatabaseKind) async throws {
        let query = try String(
            contentsOfFile: ExampleProject.root + "/Tests/MinistackIntegrationTests/FullIntrospectionQuery.graphql",
            encoding: .utf8)
        let (status, body) = try await ExampleServer.shared(kind).graphQL(query, operationName: "IntrospectionQuery")
        #expect(status == 200)
        #expect(body["errors"] == nil)
        let schema = try #require(body["data"]?["__schema"])
        #expect(schema["queryType"]?["name"] == .string("query_root"))
        let types = try #require(schema["types"]?.arrayValue)
        let byName = Dictionary(
            types.compactMap { type in type["name"]?.stringValue.map { ($0, type) } }, uniquingKeysWith: { a, _ in a })
        #expect(byName["author"]?["kind"] == .string("OBJECT"))
        #expect(byName["author_bool_exp"]?["kind"] == .string("INPUT_OBJECT"))
        #expect(byName["order_by"]?["enumValues"]?.arrayValue?.count == 6)
        let scalars = Set(types.filter { $0["kind"] == .string("SCALAR") }.compactMap { $0["name"]?.stringValue })
        #expect(
            scalars.isSuperset(of: [
                "Int", "String", "Boolean", "Float", "bigint", "numeric", "uuid", "timestamptz", "date", "jsonb",
            ]))
    }
}
