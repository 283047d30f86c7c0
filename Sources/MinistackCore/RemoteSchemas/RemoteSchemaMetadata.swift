/// A remote GraphQL server whose root fields are merged into the API (`remote_schemas.yaml`).
///
/// The entry is kept as written in `raw` (permissions, remote relationships and comments
/// included); the typed fields are what the resolver checks and what forwarding will use.
///
/// ```yaml
/// - name: python
///   definition:
///     url_from_env: PYTHON_GRAPHQL_URL
///     timeout_seconds: 60
///     customization: {root_fields_namespace: py, type_names: {prefix: Py_}}
/// ```
public struct RemoteSchemaMetadata: Sendable, Hashable {
    public var name: String
    public var definition: RemoteSchemaDefinition
    public var comment: String?
    /// The entry as written.
    public var raw: JSONValue

    public init(name: String, definition: RemoteSchemaDefinition, comment: String? = nil, raw: JSONValue) {
        self.name = name
        self.definition = definition
        self.comment = comment
        self.raw = raw
    }
}

/// Where a remote schema is and how to call it.
public struct RemoteSchemaDefinition: Sendable, Hashable {
    /// `url` (with `{{ENV}}` placeholders); Hasura wants exactly one of `url` and `urlFromEnvironment`.
    public var url: URLTemplate?
    public var urlFromEnvironment: String?
    public var headers: [HeaderConfiguration]
    public var forwardClientHeaders: Bool
    /// Seconds to wait for the remote (Hasura's default is 60).
    public var timeoutSeconds: Int
    /// `{root_fields_namespace, type_names, field_names}` as written.
    public var customization: JSONValue?

    public static let defaultTimeoutSeconds = 60

    public init(
        url: URLTemplate? = nil, urlFromEnvironment: String? = nil, headers: [HeaderConfiguration] = [],
        forwardClientHeaders: Bool = false, timeoutSeconds: Int = RemoteSchemaDefinition.defaultTimeoutSeconds,
        customization: JSONValue? = nil
    ) {
        self.url = url
        self.urlFromEnvironment = urlFromEnvironment
        self.headers = headers
        self.forwardClientHeaders = forwardClientHeaders
        self.timeoutSeconds = timeoutSeconds
        self.customization = customization
    }
}

extension RemoteSchemaMetadata {
    init(reading reader: JSONReader) throws {
        self.init(
            name: try reader.field("name").string(),
            definition: try RemoteSchemaDefinition(reading: reader.field("definition")),
            comment: try reader.optionalString("comment"), raw: reader.value)
    }

    /// The entries of `remote_schemas.yaml` (absent or null: none).
    static func list(_ reader: JSONReader?) throws -> [RemoteSchemaMetadata] {
        try reader?.array(orNullAsEmpty: true).map { try RemoteSchemaMetadata(reading: $0) } ?? []
    }
}

extension RemoteSchemaDefinition {
    init(reading reader: JSONReader) throws {
        let timeout = try reader.optionalField("timeout_seconds").flatMap { $0.value.isNull ? nil : try $0.int() }
        self.init(
            url: try reader.optionalString("url").map(URLTemplate.init),
            urlFromEnvironment: try reader.optionalString("url_from_env"),
            headers: try HeaderConfiguration.list(reader.optionalField("headers")),
            forwardClientHeaders: try reader.optionalBool("forward_client_headers", default: false),
            timeoutSeconds: timeout ?? Self.defaultTimeoutSeconds,
            customization: reader.optionalField("customization").flatMap { $0.value.isNull ? nil : $0.value })
    }

    /// `{url?, url_from_env?, timeout_seconds?, customization?, headers?, forward_client_headers?}`
    /// in Hasura's export order, with only what was given (`definition` is the call's argument).
    static func exportJSON(_ definition: JSONValue) -> JSONValue {
        var fields: [(String, JSONValue)] = []
        for key in ["url", "url_from_env", "timeout_seconds", "customization"] {
            if let value = definition[key], !value.isNull { fields.append((key, value.sortedKeys)) }
        }
        if let headers = definition["headers"], !headers.isEmptyCollection, !headers.isNull {
            fields.append(("headers", headers.sortedKeys))
        }
        if definition["forward_client_headers"] == .bool(true) {
            fields.append(("forward_client_headers", .bool(true)))
        }
        return .fields(fields)
    }

    /// The URL to call, or why it cannot be known: Hasura's errors for a definition with both or
    /// neither of `url` and `url_from_env`, a template or a variable the environment lacks.
    /// The headers with their values, or the first environment variable one of them lacks.
    public func resolveHeaders(in environment: [String: String]) -> Result<[ResolvedHeader], UnsetEnvironmentVariable> {
        var resolved: [ResolvedHeader] = []
        for header in headers {
            switch header.resolve(in: environment) {
            case .success(let value): resolved.append(ResolvedHeader(name: header.name, value: value))
            case .failure(let unset): return .failure(unset)
            }
        }
        return .success(resolved)
    }

    public func resolveURL(in environment: [String: String]) -> Result<String, RemoteSchemaURLError> {
        switch (url, urlFromEnvironment) {
        case (let template?, nil):
            return template.render(in: environment).mapError { .missing($0.description) }
        case (nil, let variable?):
            guard let value = environment[variable] else {
                return .failure(.missing(UnsetEnvironmentVariable(name: variable).description))
            }
            return .success(value)
        case (.some, .some): return .failure(.invalid("both `url` and `url_from_env` can't be present"))
        case (nil, nil): return .failure(.invalid("both `url` and `url_from_env` can't be empty"))
        }
    }
}

/// Why a remote schema's URL cannot be resolved.
public enum RemoteSchemaURLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The definition itself is wrong (both or neither of `url` and `url_from_env`).
    case invalid(String)
    /// An environment variable is not set.
    case missing(String)

    public var description: String {
        switch self {
        case .invalid(let message), .missing(let message): message
        }
    }
}
