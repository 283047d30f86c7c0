import Foundation
import Hummingbird
import Logging
import MinistackCore
import MinistackEngine
import MinistackTesting
import OrderedCollections
import Synchronization
import Testing

/// Actions end to end on each database: custom types and actions created through the metadata
/// API, a handler server in the test, GraphQL requests through the HTTP stack.
@Suite("Actions")
struct ActionTests {
    /// Handlers for every case, recording each request's body and headers.
    final class Handlers: Sendable {
        typealias Received = (path: String, body: String, headers: [String: String])

        final class Log: Sendable {
            let requests = Mutex<[Received]>([])
        }

        let server: LocalHTTPServer
        let log = Log()

        init() async throws {
            let router = Router()
            let log = self.log
            @Sendable func record(_ request: Request) async throws -> String {
                let body = String(buffer: try await request.body.collect(upTo: 1 << 20))
                var headers: [String: String] = [:]
                for field in request.headers { headers[field.name.canonicalName] = field.value }
                log.requests.withLock { $0.append((request.uri.path, body, headers)) }
                return body
            }
            @Sendable func json(_ status: HTTPResponse.Status, _ text: String) -> Response {
                Response(
                    status: status, headers: [.contentType: "application/json"],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
            }
            router.post("/login") { request, _ in
                let body = try JSONParser.parse(try await record(request))
                let name = body["input"]?["credentials"]?["username"]?.stringValue ?? "?"
                return json(
                    .ok,
                    #"{"accessToken": "token-\#(name)", "authorId": 1, "missing": null, "extra": "ignored", "profile": {"name": "\#(name)", "roles": ["USER", "ADMIN"], "score": 2.5}, "history": [{"name": "a", "roles": [], "score": 1}, {"name": "b", "roles": ["USER"], "score": 2}]}"#
                )
            }
            router.post("/denied") { request, _ in
                _ = try await record(request)
                return json(
                    .badRequest,
                    #"{"message": "invalid credentials", "extensions": {"code": "invalid-credentials", "attempts": 3}}"#
                )
            }
            router.post("/crash") { request, _ in
                _ = try await record(request)
                return json(.internalServerError, #"{"message": "boom"}"#)
            }
            router.post("/text") { request, _ in
                _ = try await record(request)
                return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: "plain words")))
            }
            router.post("/wrong") { request, _ in
                _ = try await record(request)
                return json(.ok, #"{"accessToken": null, "authorId": 1}"#)
            }
            router.post("/slow") { request, _ in
                _ = try await record(request)
                try await Task.sleep(for: .seconds(3))
                return json(.ok, #"{"accessToken": "late", "authorId": 1}"#)
            }
            server = try await LocalHTTPServer.start(router: router)
        }

        var url: String { server.baseURL }
        var last: Received? { log.requests.withLock { $0.last } }
    }

    static let customTypes = #"""
        {"input_objects": [{"name": "Credentials", "fields": [{"name": "username", "type": "String!"},
                                                             {"name": "password", "type": "String!"}]}],
         "enums": [{"name": "Role", "values": [{"value": "ADMIN"}, {"value": "USER"}]}],
         "objects": [
           {"name": "Profile", "fields": [{"name": "name", "type": "String!"}, {"name": "roles", "type": "[Role!]!"},
                                          {"name": "score", "type": "Float"}]},
           {"name": "LoginResponse",
            "fields": [{"name": "accessToken", "type": "String!"}, {"name": "authorId", "type": "Int!"},
                       {"name": "missing", "type": "String"}, {"name": "profile", "type": "Profile"},
                       {"name": "history", "type": "[Profile!]"}],
            "relationships": [
              {"name": "author", "type": "object", "remote_table": "author", "field_mapping": {"authorId": "id"}},
              {"name": "articles", "type": "array", "remote_table": "article", "field_mapping": {"authorId": "author_id"}}]}]}
        """#

    /// Creates the custom types and actions named `login` (mutation), `whoami` (query) and one
    /// per failing handler, all calling `handlers`.
    static func setUp(_ server: ExampleServer, handlers: Handlers, forwardHeaders: Bool = false) async throws {
        #expect(try await MetadataActionsAPITests.call(server, "set_custom_types", customTypes).status == 200)
        let actions: [(String, String, String, Int)] = [
            ("login", "mutation", "login", 30), ("whoami", "query", "login", 30), ("denied", "mutation", "denied", 30),
            ("crash", "mutation", "crash", 30), ("text", "mutation", "text", 30), ("wrong", "mutation", "wrong", 30),
            ("slow", "mutation", "slow", 1),
        ]
        for (name, type, path, timeout) in actions {
            let arguments = #"""
                {"name": "\#(name)",
                 "definition": {"kind": "synchronous", "type": "\#(type)", "handler": "\#(handlers.url)/\#(path)",
                                "arguments": [{"name": "credentials", "type": "Credentials"}, {"name": "role", "type": "Role"}],
                                "output_type": "LoginResponse", "timeout": \#(timeout),
                                "forward_client_headers": \#(forwardHeaders),
                                "headers": [{"name": "x-configured", "value": "yes"}]}}
                """#
            let (status, body) = try await MetadataActionsAPITests.call(server, "create_action", arguments)
            #expect(status == 200, "\(body.serialized)")
        }
    }

    @Test(
        "the handler receives Hasura's payload; its output comes back shaped, with relationships to tables",
        arguments: [DatabaseKind.sqlite, .postgres])
    func output(_ kind: DatabaseKind) async throws {
        let handlers = try await Handlers()
        defer { handlers.server.stop() }
        let server = try await ExampleServer.isolated(kind)
        try await Self.setUp(server, handlers: handlers)
        let query = #"""
            mutation ($name: String!) { signIn: login(credentials: {username: $name, password: "pw"}, role: USER) { __typename token: accessToken missing profile { name roles } history { score } author { name } articles(order_by: {id: asc}, limit: 2) { id title } } }
            """#
        let (status, body) = try await server.graphQL(
            query, variables: .fields([("name", .string("ada"))]), headers: ["x-hasura-user-id": "7"])
        #expect(status == 200)
        #expect(
            body.serialized
                == #"{"data":{"signIn":{"__typename":"LoginResponse","token":"token-ada","missing":null,"profile":{"name":"ada","roles":["USER","ADMIN"]},"history":[{"score":1},{"score":2}],"author":{"name":"Ada Lovelace"},"articles":[{"id":1,"title":"Notes on the Analytical Engine"},{"id":2,"title":"Poetical Science"}]}}}"#,
            "\(body.serialized)")
        let request = try #require(handlers.last)
        #expect(request.path == "/login")
        let expectedPayload =
            #"{"action":{"name":"login"},"input":{"credentials":{"username":"ada","password":"pw"},"role":"USER"},"session_variables":{"x-hasura-role":"admin","x-hasura-user-id":"7"},"request_query":"@QUERY@"}"#
            .replacingOccurrences(of: "@QUERY@", with: JSONValue.string(query).serialized.dropFirst().dropLast())
        #expect(request.body == expectedPayload, "\(request.body)")
        #expect(request.headers["x-configured"] == "yes")
        #expect(request.headers["content-type"] == "application/json")

        // A query action next to a table field, in selection order.
        let mixed = try await server.graphQL(
            #"query { author(where: {id: {_eq: 2}}) { name } whoami { accessToken } tag_aggregate { aggregate { count } } }"#
        )
        #expect(mixed.body["data"]?["whoami"]?["accessToken"] == .string("token-?"), "\(mixed.body.serialized)")
        #expect(mixed.body["data"]?.objectValue?.keys.map { $0 } == ["author", "whoami", "tag_aggregate"])
        await server.shutdown()
    }

    @Test(
        "handler failures: 4xx with extensions, 500, non-JSON, a wrong shape, a timeout",
        arguments: [DatabaseKind.sqlite, .postgres])
    func failures(_ kind: DatabaseKind) async throws {
        let handlers = try await Handlers()
        defer { handlers.server.stop() }
        let server = try await ExampleServer.isolated(kind)
        try await Self.setUp(server, handlers: handlers)
        let denied = try await server.graphQL(#"mutation { denied { accessToken } }"#)
        #expect(
            denied.body.serialized
                == #"{"errors":[{"message":"invalid credentials","extensions":{"code":"invalid-credentials","attempts":3}}]}"#
        )
        let cases: [(String, String)] = [
            ("crash", #"action "crash": the handler answered HTTP 500"#),
            ("text", #"action "text": the handler's response is not JSON"#),
            ("wrong", #"action "wrong": expecting not null value for field "accessToken""#),
            ("slow", #"action "slow": http exception when calling webhook"#),
        ]
        for (name, message) in cases {
            let answer = try await server.graphQL("mutation { \(name) { accessToken } }")
            #expect(
                answer.body["errors"]?.arrayValue?.first?["message"] == .string(message), "\(answer.body.serialized)")
            #expect(answer.body["errors"]?.arrayValue?.first?["extensions"]?["code"] == .string("unexpected"))
            #expect(
                answer.body["errors"]?.arrayValue?.first?["extensions"]?["internal"] != nil, "admins see the details")
            #expect(answer.body["data"] == nil)
        }
        // A role sees the message but not the details.
        let (_, permitted) = try await MetadataActionsAPITests.call(
            server, "create_action_permission", #"{"action": "crash", "role": "user"}"#)
        #expect(permitted["message"] == .string("success"))
        let asUser = try await server.graphQL(
            "mutation { crash { accessToken } }", headers: ["x-hasura-role": "user", "x-hasura-user-id": "1"])
        #expect(
            asUser.body["errors"]?.arrayValue?.first?["message"]
                == .string(#"action "crash": the handler answered HTTP 500"#))
        #expect(
            asUser.body["errors"]?.arrayValue?.first?["extensions"]?["internal"] == nil, "\(asUser.body.serialized)")
        await server.shutdown()
    }

    @Test(
        "only permitted roles see an action; client headers are forwarded only when asked",
        arguments: [DatabaseKind.sqlite, .postgres])
    func permissionsAndHeaders(_ kind: DatabaseKind) async throws {
        let handlers = try await Handlers()
        defer { handlers.server.stop() }
        let server = try await ExampleServer.isolated(kind)
        try await Self.setUp(server, handlers: handlers, forwardHeaders: true)
        let user = ["x-hasura-role": "user", "x-hasura-user-id": "1", "x-custom": "abc"]
        let hidden = try await server.graphQL("mutation { login { accessToken } }", headers: user)
        #expect(hidden.body["errors"]?.arrayValue?.first?["extensions"]?["code"] == .string("validation-failed"))
        let (_, granted) = try await MetadataActionsAPITests.call(
            server, "create_action_permission", #"{"action": "login", "role": "user"}"#)
        #expect(granted["message"] == .string("success"))
        let allowed = try await server.graphQL("mutation { login { accessToken } }", headers: user)
        #expect(allowed.body["data"]?["login"]?["accessToken"] == .string("token-?"), "\(allowed.body.serialized)")
        let request = try #require(handlers.last)
        #expect(request.headers["x-custom"] == "abc", "forwarded")
        #expect(request.headers["x-configured"] == "yes")
        #expect(request.body.contains(#""session_variables":{"x-hasura-role":"user","x-hasura-user-id":"1"}"#))

        // Without forward_client_headers the client's headers stay behind.
        let update = #"""
            {"name": "whoami", "definition": {"kind": "synchronous", "type": "query", "handler": "\#(handlers.url)/login",
             "output_type": "LoginResponse", "forward_client_headers": false}}
            """#
        #expect(try await MetadataActionsAPITests.call(server, "update_action", update).status == 200)
        _ = try await server.graphQL("query { whoami { accessToken } }", headers: ["x-custom": "abc"])
        #expect(handlers.last?.headers["x-custom"] == nil)
        await server.shutdown()
    }

    @Test(
        "an asynchronous action answers its id at once; the worker runs it and the result is read back by id",
        arguments: [DatabaseKind.sqlite, .postgres])
    func asynchronous(_ kind: DatabaseKind) async throws {
        let handlers = try await Handlers()
        defer { handlers.server.stop() }
        let server = try await ExampleServer.isolated(kind)
        try await Self.setUp(server, handlers: handlers)
        for (name, path) in [("later", "login"), ("laterDenied", "denied")] {
            let arguments = #"""
                {"name": "\#(name)",
                 "definition": {"kind": "asynchronous", "type": "mutation", "handler": "\#(handlers.url)/\#(path)",
                                "arguments": [{"name": "credentials", "type": "Credentials"}],
                                "output_type": "LoginResponse"}}
                """#
            let (status, body) = try await MetadataActionsAPITests.call(server, "create_action", arguments)
            #expect(status == 200, "\(body.serialized)")
            let permission = #"{"action": "\#(name)", "role": "user"}"#
            #expect(
                try await MetadataActionsAPITests.call(server, "create_action_permission", permission).status == 200)
        }
        let user = ["x-hasura-role": "user", "x-hasura-user-id": "1"]
        let started = try await server.graphQL(
            #"mutation { later(credentials: {username: "bo", password: "x"}) }"#, headers: user)
        let id = try #require(started.body["data"]?["later"]?.stringValue, "\(started.body.serialized)")
        #expect(id.count == 36)
        #expect(handlers.log.requests.withLock { $0.isEmpty }, "the handler is called in the background")
        let read =
            #"query ($id: uuid!) { later(id: $id) { id created_at errors output { accessToken author { name } } } }"#
        let variables = JSONValue.fields([("id", .string(id))])
        let pending = try await server.graphQL(read, variables: variables, headers: user)
        #expect(pending.body["data"]?["later"]?["output"] == .null, "\(pending.body.serialized)")

        let worker = AsyncActionWorker(engine: server.engine, logger: Logger(label: "test-actions"))
        #expect(await worker.runDueCalls() == 1)
        #expect(await worker.runDueCalls() == 0, "each call runs once")
        #expect(
            handlers.last?.body.contains(#""session_variables":{"x-hasura-role":"user","x-hasura-user-id":"1"}"#)
                == true)
        let done = try await server.graphQL(read, variables: variables, headers: user)
        let result = try #require(done.body["data"]?["later"], "\(done.body.serialized)")
        #expect(result["id"] == .string(id))
        #expect(result["created_at"]?.stringValue?.hasSuffix("+00:00") == true)
        #expect(result["errors"] == .null)
        #expect(result["output"]?.serialized == #"{"accessToken":"token-bo","author":{"name":"Ada Lovelace"}}"#)
        let stranger = try await server.graphQL(
            read, variables: variables, headers: ["x-hasura-role": "user", "x-hasura-user-id": "2"])
        #expect(stranger.body["data"]?["later"] == .null, "another user does not see the call")

        let failing = try await server.graphQL(#"mutation { laterDenied }"#)
        let failedID = try #require(failing.body["data"]?["laterDenied"]?.stringValue)
        #expect(await worker.runDueCalls() == 1)
        let failed = try await server.graphQL(
            #"query ($id: uuid!) { laterDenied(id: $id) { output { accessToken } errors } }"#,
            variables: .fields([("id", .string(failedID))]))
        #expect(failed.body["data"]?["laterDenied"]?["output"] == .null)
        #expect(
            failed.body["data"]?["laterDenied"]?["errors"]?.serialized
                == #"{"message":"invalid credentials","extensions":{"code":"invalid-credentials","attempts":3}}"#,
            "\(failed.body.serialized)")
        await server.shutdown()
    }

    @Test("an action named like a table's root field is refused with the clash named; the API keeps serving")
    func nameClash() async throws {
        let server = try await ExampleServer.isolated(.sqlite)
        #expect(try await MetadataActionsAPITests.call(server, "set_custom_types", Self.customTypes).status == 200)
        let clashing = #"""
            {"name": "author", "definition": {"kind": "synchronous", "type": "query",
             "handler": "http://127.0.0.1:9/author", "output_type": "LoginResponse"}}
            """#
        let (status, body) = try await MetadataActionsAPITests.call(server, "create_action", clashing)
        #expect(status == 400)
        #expect(
            body["error"]?.stringValue?.contains(
                "action author conflicts with a root field or type of table default.main.author")
                == true, "\(body.serialized)")
        let still = try await server.graphQL("query { author_by_pk(id: 1) { name } }")
        #expect(still.body["data"]?["author_by_pk"]?["name"] == .string("Ada Lovelace"))
        await server.shutdown()
    }
}
