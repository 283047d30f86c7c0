public import MinistackCore
import OrderedCollections

/// Hasura's `--jwt-secret` / `HASURA_GRAPHQL_JWT_SECRET` object, parsed.
///
/// ```json
/// {"type": "HS256", "key": "…32+ characters…", "claims_namespace": "https://hasura.io/jwt/claims",
///  "claims_format": "json", "audience": "app", "issuer": "auth", "allowed_skew": 30}
/// ```
/// or `{"jwk_url": "https://…/.well-known/jwks.json"}`; `claims_namespace_path` (`$.hasura.claims`)
/// and `claims_map` (claims taken from paths or fixed values) replace the namespace.
public struct JWTConfiguration: Sendable {
    /// How tokens are signed.
    public enum Key: Sendable, Equatable {
        /// `type` (HS256/384/512, RS256/384/512, ES256/384) with the `key` text (secret or PEM).
        case inline(algorithm: String, key: String)
        /// Keys fetched from a JWKS document.
        case jwkURL(String)
    }

    /// Where the Hasura claims object is.
    public enum ClaimsLocation: Sendable, CustomStringConvertible {
        case namespace(String)
        case path(JSONPath)
        /// `claims_map`: each session variable from a path into the token's claims or a fixed value.
        case map([(variable: String, source: ClaimSource)])

        /// As Hasura names it in errors: `claims_namespace <key>` or `claims_namespace_path <path>`.
        public var description: String {
            switch self {
            case .namespace(let key): "claims_namespace \(key)"
            case .path(let path): "claims_namespace_path \(path)"
            case .map: "claims_map"
            }
        }
    }

    /// One `claims_map` entry.
    public enum ClaimSource: Sendable, Equatable {
        case path(JSONPath, default: JSONValue?)
        case value(JSONValue)
    }

    public static let defaultNamespace = "https://hasura.io/jwt/claims"

    public var key: Key
    public var claims: ClaimsLocation = .namespace(defaultNamespace)
    /// `claims_format: stringified_json` — the namespace holds the claims object as a JSON string.
    public var claimsAreStringified = false
    public var audiences: [String]?
    public var issuer: String?
    /// Seconds of clock difference tolerated for `exp` and `nbf`.
    public var allowedSkew: Int = 0
    /// `header: {type: Cookie, name: …}`: the token comes from that cookie instead of `Authorization`.
    public var cookieName: String?

    /// Parses the configuration; the error says which key is wrong.
    public init(json text: String) throws(HasuraError) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes: Array(text.utf8))
        } catch {
            throw HasuraError(.invalidConfiguration, "the JWT secret is not valid JSON: \(error.message)")
        }
        guard case .object = value else { throw HasuraError(.invalidConfiguration, "the JWT secret must be an object") }
        switch (value["key"]?.stringValue, value["jwk_url"]?.stringValue) {
        case (nil, nil): throw HasuraError(.invalidConfiguration, "key and jwk_url both cannot be empty")
        case (_?, _?): throw HasuraError(.invalidConfiguration, "key, jwk_url both cannot be present")
        case (let secret?, nil):
            guard let algorithm = value["type"]?.stringValue else {
                throw HasuraError(.invalidConfiguration, "the JWT secret needs \"type\" with \"key\"")
            }
            guard Self.algorithms.contains(algorithm) else {
                throw HasuraError(.invalidConfiguration, "Invalid JWK: Key type: \(algorithm) is not supported")
            }
            key = .inline(algorithm: algorithm, key: secret)
        case (nil, let url?):
            key = .jwkURL(url)
        }
        let namespace = value["claims_namespace"]?.stringValue
        let namespacePath = value["claims_namespace_path"]?.stringValue
        switch (namespace, namespacePath) {
        case (_?, _?):
            throw HasuraError(.invalidConfiguration, "claims_namespace and claims_namespace_path both cannot be set")
        case (let namespace?, nil): claims = .namespace(namespace)
        case (nil, let path?): claims = .path(try Self.path(path))
        case (nil, nil): break
        }
        if case .object(let entries)? = value["claims_map"] {
            var map: [(variable: String, source: ClaimSource)] = []
            for (variable, source) in entries {
                if case .object = source, let path = source["path"]?.stringValue {
                    map.append((variable.lowercased(), .path(try Self.path(path), default: source["default"])))
                } else {
                    map.append((variable.lowercased(), .value(source)))
                }
            }
            claims = .map(map)
        }
        claimsAreStringified = value["claims_format"]?.stringValue == "stringified_json"
        switch value["audience"] {
        case .string(let audience)?: audiences = [audience]
        case .array(let items)?: audiences = items.compactMap(\.stringValue)
        default: break
        }
        issuer = value["issuer"]?.stringValue
        allowedSkew = value["allowed_skew"]?.intValue ?? 0
        if value["header"]?["type"]?.stringValue?.lowercased() == "cookie" {
            cookieName = value["header"]?["name"]?.stringValue
        }
    }

    static let algorithms: Set = ["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384"]

    static func path(_ text: String) throws(HasuraError) -> JSONPath {
        guard let path = JSONPath(text) else {
            throw HasuraError(.invalidConfiguration, "invalid JSON path claims_namespace_path: \(text)")
        }
        return path
    }
}

/// A JSON path as Hasura's JWT configuration writes it: `$.a.b`, `$['https://x']`, `$.list[0]`.
public struct JSONPath: Sendable, Equatable, CustomStringConvertible {
    public var components: [JSONPathComponent]
    public let description: String

    public init?(_ text: String) {
        description = text
        var remaining = Substring(text)
        guard remaining.hasPrefix("$") else { return nil }
        remaining = remaining.dropFirst()
        components = []
        while !remaining.isEmpty {
            if remaining.hasPrefix(".") {
                remaining = remaining.dropFirst()
                let name = remaining.prefix { $0 != "." && $0 != "[" }
                guard !name.isEmpty else { return nil }
                components.append(.key(String(name)))
                remaining = remaining.dropFirst(name.count)
            } else if remaining.hasPrefix("['") || remaining.hasPrefix("[\"") {
                let quote = remaining.dropFirst().first!
                remaining = remaining.dropFirst(2)
                guard let end = remaining.firstIndex(of: quote) else { return nil }
                components.append(.key(String(remaining[..<end])))
                remaining = remaining[remaining.index(after: end)...]
                guard remaining.hasPrefix("]") else { return nil }
                remaining = remaining.dropFirst()
            } else if remaining.hasPrefix("[") {
                let digits = remaining.dropFirst().prefix { $0.isNumber }
                guard let index = Int(digits) else { return nil }
                components.append(.index(index))
                remaining = remaining.dropFirst(digits.count + 1)
                guard remaining.hasPrefix("]") else { return nil }
                remaining = remaining.dropFirst()
            } else {
                return nil
            }
        }
    }

    /// The value at this path, if there is one.
    public func value(in root: JSONValue) -> JSONValue? {
        var current = root
        for component in components {
            switch (component, current) {
            case (.key(let key), .object(let fields)):
                guard let next = fields[key] else { return nil }
                current = next
            case (.index(let index), .array(let items)) where items.indices.contains(index):
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }
}
