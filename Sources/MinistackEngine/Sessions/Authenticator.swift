import Foundation
public import MinistackCore

/// Turns request headers into a `Session`, or Hasura's error, in Hasura's order:
///
/// 1. No admin secret configured: every request is admin (local development).
/// 2. `x-hasura-admin-secret` given: admin if it matches (else `access-denied`); an admin may act
///    as another role with `x-hasura-role` and pass any `x-hasura-*` header as a session variable.
/// 3. JWT mode: `Authorization: Bearer <token>` is verified and its claims give the role and
///    variables; without the header the unauthorized role applies, if configured.
/// 4. Webhook mode: the auth hook answers the session variables.
/// 5. Otherwise the unauthorized role, if configured, or `access-denied`.
public final class Authenticator: Sendable {
    public let adminSecret: String?
    let jwt: JWTVerifier?
    let webhook: AuthWebhook?
    public let unauthorizedRole: String?

    /// Fails when the JWT configuration's key cannot be read.
    public init(
        adminSecret: String?, jwt: JWTConfiguration? = nil, webhook: AuthWebhook? = nil,
        unauthorizedRole: String? = nil
    ) async throws(HasuraError) {
        self.adminSecret = adminSecret.flatMap { $0.isEmpty ? nil : $0 }
        if let jwt {
            self.jwt = try await JWTVerifier(configuration: jwt)
        } else {
            self.jwt = nil
        }
        self.webhook = webhook
        self.unauthorizedRole = unauthorizedRole.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether the webhook wants the GraphQL request too (POST mode).
    public var needsRequestBody: Bool { webhook?.mode == .post }

    /// - Parameters:
    ///   - headers: header name (any case) → value.
    ///   - request: the GraphQL request body, for a POST-mode webhook.
    public func authenticate(headers: [String: String], request: JSONValue? = nil) async -> Result<
        Session, HasuraError
    > {
        var lowered: [String: String] = [:]
        for (name, value) in headers { lowered[name.lowercased()] = value }
        do {
            return .success(try await session(for: lowered, request: request))
        } catch {
            return .failure(error)
        }
    }

    private func session(for headers: [String: String], request: JSONValue?) async throws(HasuraError) -> Session {
        guard let adminSecret else { return Self.adminSession(headers) }
        if let given = headers["x-hasura-admin-secret"] ?? headers["x-hasura-access-key"] {
            guard constantTimeEquals(given, adminSecret) else {
                throw HasuraError(.accessDenied, "invalid x-hasura-admin-secret/x-hasura-access-key")
            }
            return Self.adminSession(headers)
        }
        if let jwt {
            guard let token = try bearerToken(headers, configuration: jwt.configuration) else {
                if let unauthorizedRole { return Self.unauthorizedSession(unauthorizedRole, headers) }
                let header = jwt.configuration.cookieName == nil ? "Authorization" : "Cookie"
                throw HasuraError(.invalidHeaders, "Missing \(header) header in JWT authentication mode")
            }
            return try JWTClaims.session(
                claims: try await jwt.claims(of: token), configuration: jwt.configuration,
                requestedRole: headers["x-hasura-role"])
        }
        if let webhook {
            let variables = try await webhook.sessionVariables(headers: headers, request: request)
            return Session(role: variables["x-hasura-role"]!, variables: variables, isAdmin: false)
        }
        if let unauthorizedRole { return Self.unauthorizedSession(unauthorizedRole, headers) }
        throw HasuraError(.accessDenied, "x-hasura-admin-secret/x-hasura-access-key required, but not found")
    }

    static func adminSession(_ headers: [String: String]) -> Session {
        let role = headers["x-hasura-role"].flatMap { $0.isEmpty ? nil : $0 } ?? Session.adminRole
        return Session(role: role, variables: sessionHeaders(headers), isAdmin: true)
    }

    static func unauthorizedSession(_ role: String, _ headers: [String: String]) -> Session {
        var variables = sessionHeaders(headers)
        variables["x-hasura-role"] = role
        return Session(role: role, variables: variables, isAdmin: false)
    }

    /// The `x-hasura-*` headers other than the secret itself.
    static func sessionHeaders(_ headers: [String: String]) -> [String: String] {
        headers.filter {
            $0.key.hasPrefix("x-hasura-") && $0.key != "x-hasura-admin-secret" && $0.key != "x-hasura-access-key"
        }
    }

    /// The token from `Authorization: Bearer <token>` (or the configured cookie); `nil` when absent.
    private func bearerToken(_ headers: [String: String], configuration: JWTConfiguration) throws(HasuraError)
        -> String?
    {
        if let cookieName = configuration.cookieName {
            guard let cookies = headers["cookie"] else { return nil }
            for cookie in cookies.split(separator: ";") {
                let pair = cookie.split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces) == cookieName {
                    return String(pair[1])
                }
            }
            throw HasuraError(.invalidHeaders, "Could not find \(cookieName) in Cookie header")
        }
        guard let authorization = headers["authorization"] else { return nil }
        let parts = authorization.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0] == "Bearer" else {
            throw HasuraError(.invalidHeaders, "Malformed Authorization header")
        }
        return String(parts[1])
    }

    /// Compares secrets without stopping at the first differing byte.
    private func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        var difference = UInt8(left.count == right.count ? 0 : 1)
        for index in 0..<max(left.count, right.count) {
            difference |= (index < left.count ? left[index] : 0) ^ (index < right.count ? right[index] : 0)
        }
        return difference == 0
    }
}
