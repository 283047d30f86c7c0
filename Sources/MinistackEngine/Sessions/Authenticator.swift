public import MinistackCore

/// Turns request headers into a `Session`, or Hasura's `access-denied` error.
///
/// With an admin secret configured, a request must carry `x-hasura-admin-secret`. Without
/// one every request is admin (local development), as Hasura does. Admins may act as
/// another role with `x-hasura-role` and pass any `x-hasura-*` header as a session variable.
/// (JWT, auth webhooks and the unauthorized role come with the permissions issue.)
public struct Authenticator: Sendable {
    public var adminSecret: String?

    public init(adminSecret: String?) {
        self.adminSecret = adminSecret.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// - Parameter headers: header name (any case) → value.
    public func authenticate(headers: [String: String]) -> Result<Session, HasuraError> {
        var lowered: [String: String] = [:]
        for (name, value) in headers { lowered[name.lowercased()] = value }
        if let adminSecret {
            guard let given = lowered["x-hasura-admin-secret"] ?? lowered["x-hasura-access-key"] else {
                return .failure(
                    HasuraError(.accessDenied, "x-hasura-admin-secret/x-hasura-access-key required, but not found"))
            }
            guard constantTimeEquals(given, adminSecret) else {
                return .failure(HasuraError(.accessDenied, "invalid x-hasura-admin-secret/x-hasura-access-key"))
            }
        }
        let variables = lowered.filter {
            $0.key.hasPrefix("x-hasura-") && $0.key != "x-hasura-admin-secret" && $0.key != "x-hasura-access-key"
        }
        let role = lowered["x-hasura-role"].flatMap { $0.isEmpty ? nil : $0 } ?? Session.adminRole
        return .success(Session(role: role, variables: variables, isAdmin: true))
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
