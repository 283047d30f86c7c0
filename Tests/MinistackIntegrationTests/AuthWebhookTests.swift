import Foundation
import Hummingbird
import MinistackCore
import MinistackEngine
import MinistackTesting
import Testing

/// The auth webhook through HTTP, against a webhook served by the test itself.
///
/// The webhook knows two tokens: `Bearer user-2` is user 2; `Bearer nobody` is refused (401);
/// anything else makes it fail (500).
@Suite("Auth webhook")
struct AuthWebhookTests {
    static func webhook() async throws -> LocalHTTPServer {
        let router = Router()
        @Sendable func answer(authorization: String?) -> Response {
            switch authorization {
            case "Bearer user-2":
                return Response(
                    status: .ok, headers: [.contentType: "application/json"],
                    body: ResponseBody(
                        byteBuffer: ByteBuffer(string: #"{"X-Hasura-Role": "user", "X-Hasura-User-Id": "2"}"#)))
            case "Bearer nobody":
                return Response(status: .unauthorized)
            default:
                return Response(status: .internalServerError)
            }
        }
        router.get("/auth") { request, _ in answer(authorization: request.headers[.authorization]) }
        router.post("/auth") { request, context in
            let body = try await request.body.collect(upTo: 1 << 16)
            let json = try JSONParser.parse(String(buffer: body))
            // POST mode carries the client's headers and its GraphQL request.
            guard json["request"]?["query"]?.stringValue?.contains("article") == true else {
                return Response(status: .badRequest)
            }
            return answer(authorization: json["headers"]?["authorization"]?.stringValue)
        }
        return try await LocalHTTPServer.start(router: router)
    }

    static let ownArticles: JSONValue = .fields([
        ("data", .fields([("article", .array([5, 6, 7].map { .fields([("id", .number("\($0)"))]) }))]))
    ])

    @Test(
        "a 200 answer gives the role and variables; 401 denies; other answers fail",
        arguments: [AuthWebhook.Mode.get, .post], [DatabaseKind.sqlite, .postgres])
    func webhook(_ mode: AuthWebhook.Mode, _ kind: DatabaseKind) async throws {
        let hook = try await Self.webhook()
        defer { hook.stop() }
        let authenticator = try await Authenticator(
            adminSecret: "admin", webhook: AuthWebhook(url: hook.baseURL + "/auth", mode: mode))
        let server = try await ExampleServer.shared(kind)
        let query = "{ article(order_by: {id: asc}) { id } }"

        let allowed = try await server.graphQL(
            query, headers: ["Authorization": "Bearer user-2"], authenticator: authenticator)
        #expect(JSONComparison.difference(allowed.body, Self.ownArticles) == nil, "\(allowed.body.serialized)")

        let denied = try await server.graphQL(
            query, headers: ["Authorization": "Bearer nobody"], authenticator: authenticator)
        #expect(denied.body["errors"]?[0]?["extensions"]?["code"] == .string("access-denied"))
        #expect(
            denied.body["errors"]?[0]?["message"] == .string("Authentication hook unauthorized this request"))

        let failing = try await server.graphQL(
            query, headers: ["Authorization": "Bearer broken"], authenticator: authenticator)
        #expect(failing.body["errors"]?[0]?["message"] == .string("Invalid response from authorization hook"))
        #expect(failing.body["data"] == nil)

        let admin = try await server.graphQL(
            "{ article_aggregate { aggregate { count } } }", headers: ["x-hasura-admin-secret": "admin"],
            authenticator: authenticator)
        #expect(admin.body["data"]?["article_aggregate"]?["aggregate"]?["count"] == .number("12"))
    }

    @Test("an unreachable webhook is an error, not a crash")
    func unreachable() async throws {
        // AsyncHTTPClient waits until the deadline on a refused connection, so keep it short.
        var webhook = AuthWebhook(url: "http://127.0.0.1:1/auth", mode: .get)
        webhook.timeout = .seconds(2)
        let authenticator = try await Authenticator(adminSecret: "admin", webhook: webhook)
        let server = try await ExampleServer.shared(.sqlite)
        let (_, body) = try await server.graphQL("{ article { id } }", authenticator: authenticator)
        #expect(body["errors"]?[0]?["message"] == .string("webhook authentication request failed"))
        #expect(body["errors"]?[0]?["extensions"]?["internal"] == nil)
    }
}

extension JSONValue {
    fileprivate subscript(index: Int) -> JSONValue? {
        guard case .array(let items) = self, items.indices.contains(index) else { return nil }
        return items[index]
    }
}
