/// Who is making a request: a role and the `x-hasura-*` session variables.
///
/// Variable names are stored lower-cased (Hasura compares them case-insensitively and
/// sends them lower-cased to handlers and webhooks). Admin sessions carry
/// `x-hasura-role: admin` unless an admin chose another role.
public struct Session: Sendable, Hashable {
    public static let adminRole = "admin"

    public var role: String
    public var variables: [String: String]
    /// Whether the request proved admin rights (admin secret, or no secret configured).
    public var isAdmin: Bool
    /// Admin requests with `x-hasura-use-backend-only-permissions: true` may use a role's
    /// `backend_only` insert, update and delete permissions.
    public var usesBackendOnlyPermissions: Bool {
        isAdmin && variables["x-hasura-use-backend-only-permissions"]?.lowercased() == "true"
    }

    public init(role: String, variables: [String: String] = [:], isAdmin: Bool) {
        self.role = role
        var lowered: [String: String] = [:]
        for (name, value) in variables { lowered[name.lowercased()] = value }
        lowered["x-hasura-role"] = role
        self.variables = lowered
        self.isAdmin = isAdmin
    }

    /// An admin session with no other variables.
    public static let admin = Session(role: adminRole, isAdmin: true)

    /// A session variable by name, case-insensitively.
    public func variable(_ name: String) -> String? { variables[name.lowercased()] }

    /// Whether error details (`extensions.internal`) may be shown: as on Hasura, to requests
    /// made as the admin role only (not to an admin acting as another role).
    public var mayReadInternalErrors: Bool { isAdmin && role == Session.adminRole }
}
