import MinistackCore
import OrderedCollections

/// Reads Hasura's claims out of a verified token: the allowed and default roles and the
/// other `x-hasura-*` session variables, with Hasura's error wording.
enum JWTClaims {
    static let allowedRoles = "x-hasura-allowed-roles"
    static let defaultRole = "x-hasura-default-role"

    /// The session for a verified token's claims, acting as `requestedRole` (the `x-hasura-role`
    /// header) or else the default role.
    static func session(claims: JSONValue, configuration: JWTConfiguration, requestedRole: String?)
        throws(HasuraError) -> Session
    {
        let hasuraClaims = try self.hasuraClaims(claims, configuration: configuration)
        guard let allowedValue = hasuraClaims[allowedRoles] else {
            throw HasuraError(.jwtMissingRoleClaims, "JWT claim does not contain \(allowedRoles)")
        }
        guard case .array(let items) = allowedValue, items.allSatisfy({ $0.stringValue != nil }) else {
            throw HasuraError(.jwtInvalidClaims, "invalid \(allowedRoles); should be a list of roles")
        }
        let allowed = items.compactMap(\.stringValue)
        guard let defaultValue = hasuraClaims[defaultRole] else {
            throw HasuraError(.jwtMissingRoleClaims, "JWT claim does not contain \(defaultRole)")
        }
        guard let fallback = defaultValue.stringValue else {
            throw HasuraError(.jwtInvalidClaims, "invalid \(defaultRole); should be a single role name")
        }
        let role = requestedRole.flatMap { $0.isEmpty ? nil : $0 } ?? fallback
        guard allowed.contains(role) else {
            throw HasuraError(.accessDenied, "Your requested role is not in allowed roles")
        }
        var variables: [String: String] = [:]
        for (name, value) in hasuraClaims where name != allowedRoles && name != defaultRole {
            variables[name] = SessionValue.text(of: value)
        }
        return Session(role: role, variables: variables, isAdmin: false)
    }

    /// The `x-hasura-*` claims (names lower-cased) from the namespace, the namespace path or the claims map.
    static func hasuraClaims(_ claims: JSONValue, configuration: JWTConfiguration) throws(HasuraError) -> [String:
        JSONValue]
    {
        var found: JSONValue
        switch configuration.claims {
        case .namespace(let namespace):
            guard let value = claims[namespace] else {
                throw HasuraError(.jwtInvalidClaims, "claims key: '\(namespace)' not found")
            }
            found = value
        case .path(let path):
            guard let value = path.value(in: claims) else {
                throw HasuraError(.jwtInvalidClaims, "claims not found at claims_namespace_path: '\(path)'")
            }
            found = value
        case .map(let entries):
            var mapped: [String: JSONValue] = [:]
            for (variable, source) in entries {
                switch source {
                case .value(let value):
                    mapped[variable] = value
                case .path(let path, let fallback):
                    if let value = path.value(in: claims) ?? fallback {
                        mapped[variable] = value
                    } else if variable != allowedRoles && variable != defaultRole {
                        throw HasuraError(.jwtInvalidClaims, "JWT claim from claims_map, \(variable) not found")
                    }
                }
            }
            return mapped
        }
        if configuration.claimsAreStringified {
            guard case .string(let text) = found else {
                throw HasuraError(.jwtInvalidClaims, "expecting a string when claims_format is stringified_json")
            }
            guard let parsed = try? JSONParser.parse(bytes: Array(text.utf8)) else {
                throw HasuraError(
                    .jwtInvalidClaims, "expecting stringified json at: '\(configuration.claims)', but found: \(text)")
            }
            found = parsed
        }
        guard case .object(let fields) = found else {
            throw HasuraError(.jwtInvalidClaims, "expecting a json object when claims_format is json")
        }
        var result: [String: JSONValue] = [:]
        for (name, value) in fields where name.lowercased().hasPrefix("x-hasura-") { result[name.lowercased()] = value }
        return result
    }
}
