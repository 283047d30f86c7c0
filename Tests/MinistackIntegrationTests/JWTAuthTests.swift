import Foundation
import Hummingbird
import JWTKit
import MinistackCore
import MinistackEngine
import MinistackTesting
import OrderedCollections
import Testing

/// JWT mode through HTTP: each algorithm, Hasura's claim layouts, and each way a token is refused.
@Suite("JWT authentication")
struct JWTAuthTests {
    static let secret = "a-test-secret-that-is-long-enough-for-hs512-0123456789abcdef-0123456789"
    static let fixtures = ExampleProject.root + "/Tests/MinistackIntegrationTests/Fixtures/jwt/"
    static let ownArticles: JSONValue = .fields([
        ("data", .fields([("article", .array([5, 6, 7].map { .fields([("id", .number("\($0)"))]) }))]))
    ])
    static let query = "{ article(order_by: {id: asc}) { id } }"

    static func pem(_ name: String) throws -> String {
        try String(contentsOfFile: fixtures + name, encoding: .utf8)
    }

    /// Hasura's claims for user 2, who may also act as `anonymous`.
    static func claims(
        namespace: String = JWTConfiguration.defaultNamespace, expiresIn seconds: Double = 3600,
        extra: [(String, JSONValue)] = []
    ) -> JSONValue {
        .fields(
            [
                ("sub", .string("2")), ("exp", .number(String(Int(Date().timeIntervalSince1970 + seconds)))),
                (
                    namespace,
                    .fields([
                        ("x-hasura-allowed-roles", .array([.string("user"), .string("anonymous")])),
                        ("x-hasura-default-role", .string("user")), ("X-Hasura-User-Id", .string("2")),
                    ])
                ),
            ] + extra)
    }

    static func authenticator(_ configuration: String, unauthorizedRole: String? = nil) async throws -> Authenticator {
        try await Authenticator(
            adminSecret: "admin", jwt: JWTConfiguration(json: configuration), unauthorizedRole: unauthorizedRole)
    }

    static func request(
        _ kind: DatabaseKind, configuration: String, token: String?, headers: [String: String] = [:],
        unauthorizedRole: String? = nil, query: String = query
    ) async throws -> JSONValue {
        var headers = headers
        if let token { headers["Authorization"] = "Bearer \(token)" }
        let server = try await ExampleServer.shared(kind)
        let (status, body) = try await server.graphQL(
            query, headers: headers,
            authenticator: try await authenticator(configuration, unauthorizedRole: unauthorizedRole))
        #expect(status == 200)
        return body
    }

    static func error(_ code: String, _ message: String) -> JSONValue {
        .fields([
            (
                "errors",
                .array([
                    .fields([
                        ("message", .string(message)),
                        ("extensions", .fields([("path", .string("$")), ("code", .string(code))])),
                    ])
                ])
            )
        ])
    }

    static func hmacConfiguration(_ algorithm: String = "HS256") -> String {
        #"{"type": "\#(algorithm)", "key": "\#(secret)"}"#
    }

    // MARK: Algorithms

    struct Algorithm: Sendable, CustomTestStringConvertible {
        let name: String
        let testDescription: String

        init(_ name: String) {
            self.name = name
            testDescription = name
        }

        /// The server's configuration and a token signed with the matching private key.
        func configurationAndToken(claims: JSONValue) async throws -> (String, String) {
            let keys = JWTKeyCollection()
            let publicKey: String
            switch name {
            case "HS256", "HS384", "HS512":
                let digest: DigestAlgorithm = name == "HS256" ? .sha256 : name == "HS384" ? .sha384 : .sha512
                await keys.add(hmac: HMACKey(from: JWTAuthTests.secret), digestAlgorithm: digest)
                return (JWTAuthTests.hmacConfiguration(name), try await keys.sign(SignedClaims(claims)))
            case "RS256", "RS384", "RS512":
                let digest: DigestAlgorithm = name == "RS256" ? .sha256 : name == "RS384" ? .sha384 : .sha512
                await keys.add(
                    rsa: try Insecure.RSA.PrivateKey(pem: try JWTAuthTests.pem("rsa_private.pem")),
                    digestAlgorithm: digest)
                publicKey = try JWTAuthTests.pem("rsa_public.pem")
            case "ES256":
                await keys.add(ecdsa: try ES256PrivateKey(pem: try JWTAuthTests.pem("es256_private.pem")))
                publicKey = try JWTAuthTests.pem("es256_public.pem")
            default:
                await keys.add(ecdsa: try ES384PrivateKey(pem: try JWTAuthTests.pem("es384_private.pem")))
                publicKey = try JWTAuthTests.pem("es384_public.pem")
            }
            let configuration = JSONValue.fields([("type", .string(name)), ("key", .string(publicKey))]).serialized
            return (configuration, try await keys.sign(SignedClaims(claims)))
        }
    }

    @Test(
        "a token signed with each algorithm selects the user role and its rows",
        arguments: ["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384"].map(Algorithm.init),
        [DatabaseKind.sqlite, .postgres])
    func algorithms(_ algorithm: Algorithm, _ kind: DatabaseKind) async throws {
        let (configuration, token) = try await algorithm.configurationAndToken(claims: Self.claims())
        let body = try await Self.request(kind, configuration: configuration, token: token)
        #expect(JSONComparison.difference(body, Self.ownArticles) == nil, "\(body.serialized)")
    }

    // MARK: Refusals

    @Test("an expired token is refused as Hasura words it")
    func expired() async throws {
        let (configuration, token) = try await Algorithm("HS256").configurationAndToken(
            claims: Self.claims(expiresIn: -60))
        let body = try await Self.request(.sqlite, configuration: configuration, token: token)
        #expect(body == Self.error("invalid-jwt", "Could not verify JWT: JWTExpired"))
    }

    @Test("allowed_skew accepts a token that expired within the skew")
    func skew() async throws {
        let (_, token) = try await Algorithm("HS256").configurationAndToken(claims: Self.claims(expiresIn: -10))
        // A skew of 10 minutes: the token stays within it even when a loaded machine is slow to send the request.
        let configuration = #"{"type": "HS256", "key": "\#(Self.secret)", "allowed_skew": 600}"#
        let body = try await Self.request(.sqlite, configuration: configuration, token: token)
        #expect(JSONComparison.difference(body, Self.ownArticles) == nil, "\(body.serialized)")
    }

    @Test("a token signed with another key is refused")
    func wrongSignature() async throws {
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: "another-secret-another-secret-another-secret"), digestAlgorithm: .sha256)
        let token = try await keys.sign(SignedClaims(Self.claims()))
        let body = try await Self.request(.sqlite, configuration: Self.hmacConfiguration(), token: token)
        #expect(body == Self.error("invalid-jwt", "Could not verify JWT: JWSError JWSInvalidSignature"))
    }

    @Test("a token that is not three parts is refused")
    func malformed() async throws {
        let body = try await Self.request(.sqlite, configuration: Self.hmacConfiguration(), token: "not-a-jwt")
        #expect(
            body
                == Self.error(
                    "invalid-jwt",
                    "Could not verify JWT: JWSError (CompactDecodeError Invalid number of parts: Expected 3 parts; got 1)"
                ))
    }

    @Test("claims under another namespace are not found")
    func wrongNamespace() async throws {
        let (configuration, token) = try await Algorithm("HS256").configurationAndToken(
            claims: Self.claims(namespace: "https://example.com/claims"))
        let body = try await Self.request(.sqlite, configuration: configuration, token: token)
        #expect(
            body == Self.error("jwt-invalid-claims", "claims key: 'https://hasura.io/jwt/claims' not found"))
    }

    @Test("a role outside the allowed roles is refused; an allowed one is used")
    func roles() async throws {
        let (configuration, token) = try await Algorithm("HS256").configurationAndToken(claims: Self.claims())
        let denied = try await Self.request(
            .sqlite, configuration: configuration, token: token, headers: ["x-hasura-role": "editor"])
        #expect(denied == Self.error("access-denied", "Your requested role is not in allowed roles"))
        let anonymous = try await Self.request(
            .sqlite, configuration: configuration, token: token, headers: ["x-hasura-role": "anonymous"],
            query: "{ article(order_by: {id: asc}, limit: 10) { id } }")
        #expect(anonymous["data"]?["article"]?.arrayValue?.count == 3)
    }

    @Test("the audience and issuer must match when configured")
    func audienceAndIssuer() async throws {
        let (_, token) = try await Algorithm("HS256").configurationAndToken(
            claims: Self.claims(extra: [("aud", .string("app")), ("iss", .string("auth.example.com"))]))
        let matching =
            #"{"type": "HS256", "key": "\#(Self.secret)", "audience": ["other", "app"], "issuer": "auth.example.com"}"#
        #expect(
            JSONComparison.difference(
                try await Self.request(.sqlite, configuration: matching, token: token), Self.ownArticles) == nil)
        let otherAudience = #"{"type": "HS256", "key": "\#(Self.secret)", "audience": "other"}"#
        #expect(
            try await Self.request(.sqlite, configuration: otherAudience, token: token)
                == Self.error("invalid-jwt", "Could not verify JWT: JWTNotInAudience"))
        let otherIssuer = #"{"type": "HS256", "key": "\#(Self.secret)", "issuer": "someone-else"}"#
        #expect(
            try await Self.request(.sqlite, configuration: otherIssuer, token: token)
                == Self.error("invalid-jwt", "Could not verify JWT: JWTNotInIssuer"))
    }

    @Test("stringified claims, a namespace path and a claims map are read as Hasura reads them")
    func claimLayouts() async throws {
        let hasuraClaims = Self.claims()[JWTConfiguration.defaultNamespace]!
        let stringified = JSONValue.fields([
            ("exp", .number("9999999999")), (JWTConfiguration.defaultNamespace, .string(hasuraClaims.serialized)),
        ])
        let (_, stringifiedToken) = try await Algorithm("HS256").configurationAndToken(claims: stringified)
        let stringifiedConfiguration =
            #"{"type": "HS256", "key": "\#(Self.secret)", "claims_format": "stringified_json"}"#
        #expect(
            JSONComparison.difference(
                try await Self.request(.sqlite, configuration: stringifiedConfiguration, token: stringifiedToken),
                Self.ownArticles) == nil)

        let nested = JSONValue.fields([("exp", .number("9999999999")), ("app", .fields([("hasura", hasuraClaims)]))])
        let (_, nestedToken) = try await Algorithm("HS256").configurationAndToken(claims: nested)
        let pathConfiguration = #"{"type": "HS256", "key": "\#(Self.secret)", "claims_namespace_path": "$.app.hasura"}"#
        #expect(
            JSONComparison.difference(
                try await Self.request(.sqlite, configuration: pathConfiguration, token: nestedToken),
                Self.ownArticles) == nil)

        let plain = JSONValue.fields([
            ("exp", .number("9999999999")), ("uid", .string("2")), ("roles", .array([.string("user")])),
        ])
        let (_, plainToken) = try await Algorithm("HS256").configurationAndToken(claims: plain)
        let mapConfiguration = #"""
            {"type": "HS256", "key": "\#(Self.secret)", "claims_map": {
              "x-hasura-allowed-roles": {"path": "$.roles"}, "x-hasura-default-role": "user",
              "x-hasura-user-id": {"path": "$.uid"}}}
            """#
        #expect(
            JSONComparison.difference(
                try await Self.request(.sqlite, configuration: mapConfiguration, token: plainToken),
                Self.ownArticles) == nil)
    }

    @Test("without a token: the unauthorized role if configured, else invalid-headers; a bad header is malformed")
    func missingToken() async throws {
        #expect(
            try await Self.request(.sqlite, configuration: Self.hmacConfiguration(), token: nil)
                == Self.error("invalid-headers", "Missing Authorization header in JWT authentication mode"))
        let anonymous = try await Self.request(
            .sqlite, configuration: Self.hmacConfiguration(), token: nil, unauthorizedRole: "anonymous",
            query: "{ article(limit: 10) { id } }")
        #expect(anonymous["data"]?["article"]?.arrayValue?.count == 3)
        #expect(
            try await Self.request(
                .sqlite, configuration: Self.hmacConfiguration(), token: nil, headers: ["Authorization": "Token abc"])
                == Self.error("invalid-headers", "Malformed Authorization header"))
    }

    @Test("keys from jwk_url verify a token naming its key id")
    func jwkURL() async throws {
        let jwks = try Self.pem("rsa_jwks.json")
        let router = Router()
        router.get("/jwks.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: jwks)))
        }
        let server = try await LocalHTTPServer.start(router: router)
        defer { server.stop() }
        let keys = JWTKeyCollection()
        await keys.add(
            rsa: try Insecure.RSA.PrivateKey(pem: try Self.pem("rsa_private.pem")), digestAlgorithm: .sha256,
            kid: "ministack-test")
        let token = try await keys.sign(SignedClaims(Self.claims()), kid: "ministack-test")
        let configuration = #"{"jwk_url": "\#(server.baseURL)/jwks.json"}"#
        let body = try await Self.request(.sqlite, configuration: configuration, token: token)
        #expect(JSONComparison.difference(body, Self.ownArticles) == nil, "\(body.serialized)")
    }

    @Test("the admin secret still makes a request admin in JWT mode")
    func adminSecret() async throws {
        let body = try await Self.request(
            .sqlite, configuration: Self.hmacConfiguration(), token: nil, headers: ["x-hasura-admin-secret": "admin"],
            query: "{ article_aggregate { aggregate { count } } }")
        #expect(body["data"]?["article_aggregate"]?["aggregate"]?["count"] == .number("12"))
    }
}

/// Claims given as JSON, signed by jwt-kit.
struct SignedClaims: JWTPayload {
    let claims: JSONValue

    init(_ claims: JSONValue) { self.claims = claims }

    init(from decoder: any Decoder) throws { claims = .null }

    func encode(to encoder: any Encoder) throws { try EncodableJSON(claims).encode(to: encoder) }

    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

/// Writes a `JSONValue` through `Encoder`.
struct EncodableJSON: Encodable {
    let value: JSONValue

    init(_ value: JSONValue) { self.value = value }

    struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        switch value {
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .bool(let flag):
            var container = encoder.singleValueContainer()
            try container.encode(flag)
        case .number(let digits):
            var container = encoder.singleValueContainer()
            if let integer = Int(digits) {
                try container.encode(integer)
            } else {
                try container.encode(Double(digits)!)
            }
        case .string(let text):
            var container = encoder.singleValueContainer()
            try container.encode(text)
        case .array(let items):
            var container = encoder.unkeyedContainer()
            for item in items { try container.encode(EncodableJSON(item)) }
        case .object(let fields):
            var container = encoder.container(keyedBy: Key.self)
            for (key, item) in fields { try container.encode(EncodableJSON(item), forKey: Key(stringValue: key)) }
        }
    }
}
