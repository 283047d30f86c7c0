import MinistackCore
import MinistackEngine

/// The authentication settings of `serve`, checked together as Hasura checks them.
struct AuthOptions {
    var adminSecret: String?
    var jwtSecret: String?
    var authHook: String?
    var authHookMode: String?
    var unauthorizedRole: String?

    /// JWT and the auth hook each need an admin secret and exclude each other.
    func authenticator() async throws(HasuraError) -> Authenticator {
        let secret = adminSecret.flatMap { $0.isEmpty ? nil : $0 }
        if jwtSecret != nil && authHook != nil {
            throw HasuraError(.invalidConfiguration, "the JWT secret and the auth hook cannot both be set")
        }
        if (jwtSecret != nil || authHook != nil) && secret == nil {
            throw HasuraError(
                .invalidConfiguration,
                "an admin secret (--admin-secret / HASURA_GRAPHQL_ADMIN_SECRET) must be set with a JWT secret or an auth hook"
            )
        }
        let jwt = try jwtSecret.map { (json) throws(HasuraError) in try JWTConfiguration(json: json) }
        var webhook: AuthWebhook?
        if let authHook {
            guard let mode = AuthWebhook.Mode(rawValue: (authHookMode ?? "GET").uppercased()) else {
                throw HasuraError(.invalidConfiguration, "the auth hook mode must be GET or POST")
            }
            webhook = AuthWebhook(url: authHook, mode: mode)
        }
        return try await Authenticator(
            adminSecret: secret, jwt: jwt, webhook: webhook, unauthorizedRole: unauthorizedRole)
    }
}
