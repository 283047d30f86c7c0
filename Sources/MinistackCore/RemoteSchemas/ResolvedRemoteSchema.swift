/// A remote schema whose URL and headers resolved against the server's environment: what
/// `introspect_remote_schema` calls now and what forwarding will call later.
public struct ResolvedRemoteSchema: Sendable {
    public var name: String
    public var url: String
    /// Header name and value, in the order the metadata lists them.
    public var headers: [ResolvedHeader]
    public var forwardClientHeaders: Bool
    public var timeoutSeconds: Int
    public var customization: JSONValue?
    /// Roles other than admin that see the remote (its `permissions`).
    public var roles: Set<String> = []
    /// The remote's schema, once introspected; a remote without one is not served.
    public var schema: CustomizedRemoteSchema?

    public init(
        name: String, url: String, headers: [ResolvedHeader], forwardClientHeaders: Bool, timeoutSeconds: Int,
        customization: JSONValue?
    ) {
        self.name = name
        self.url = url
        self.headers = headers
        self.forwardClientHeaders = forwardClientHeaders
        self.timeoutSeconds = timeoutSeconds
        self.customization = customization
    }
}

/// A header with its value known.
public struct ResolvedHeader: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

extension ResolvedRemoteSchema: Equatable {
    /// Equal when configured alike (the introspected schema is not compared).
    public static func == (lhs: ResolvedRemoteSchema, rhs: ResolvedRemoteSchema) -> Bool {
        lhs.name == rhs.name && lhs.url == rhs.url && lhs.headers == rhs.headers
            && lhs.forwardClientHeaders == rhs.forwardClientHeaders && lhs.timeoutSeconds == rhs.timeoutSeconds
            && lhs.customization == rhs.customization && lhs.roles == rhs.roles
    }
}
