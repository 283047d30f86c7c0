public import OrderedCollections

/// One Hasura action: a query or mutation root field answered by an HTTP handler.
///
/// This is the metadata as written (`export_metadata`'s `actions` entries); the runtime that
/// calls handlers resolves it against the custom types and the environment. Keys ministack
/// does not interpret are kept in `otherFields`, so a round trip loses nothing.
///
/// ```swift
/// let login = metadata.actions.first { $0.name == "login" }
/// login?.definition.outputType            // "LoginResponse"
/// login?.definition.handler.variables     // ["ACTION_BASE_URL"]
/// ```
public struct ActionMetadata: Sendable, Hashable {
    public var name: String
    public var definition: ActionDefinition
    public var comment: String?
    /// The roles allowed to call the action (admin always may).
    public var permissions: [ActionPermission]
    public var otherFields: OrderedDictionary<String, JSONValue>

    public init(
        name: String, definition: ActionDefinition, comment: String? = nil, permissions: [ActionPermission] = [],
        otherFields: OrderedDictionary<String, JSONValue> = [:]
    ) {
        self.name = name
        self.definition = definition
        self.comment = comment
        self.permissions = permissions
        self.otherFields = otherFields
    }
}

/// What an action takes, returns and calls.
public struct ActionDefinition: Sendable, Hashable {
    /// The handler URL, possibly with `{{ENV}}` placeholders.
    public var handler: URLTemplate
    /// A GraphQL type reference such as `LoginResponse` or `[Book!]!`.
    public var outputType: String
    public var arguments: [ActionArgument]
    public var type: ActionType
    /// Only mutations may be asynchronous; queries are always synchronous.
    public var kind: ActionKind
    public var headers: [HeaderConfiguration]
    public var forwardClientHeaders: Bool
    /// Seconds to wait for the handler (Hasura's default is 30).
    public var timeout: Int
    public var requestTransform: JSONValue?
    public var responseTransform: JSONValue?
    public var otherFields: OrderedDictionary<String, JSONValue>

    /// Hasura's default handler timeout, in seconds; it is not exported.
    public static let defaultTimeout = 30

    public init(
        handler: URLTemplate, outputType: String, arguments: [ActionArgument] = [], type: ActionType = .mutation,
        kind: ActionKind = .synchronous, headers: [HeaderConfiguration] = [], forwardClientHeaders: Bool = false,
        timeout: Int = ActionDefinition.defaultTimeout, requestTransform: JSONValue? = nil,
        responseTransform: JSONValue? = nil, otherFields: OrderedDictionary<String, JSONValue> = [:]
    ) {
        self.handler = handler
        self.outputType = outputType
        self.arguments = arguments
        self.type = type
        self.kind = kind
        self.headers = headers
        self.forwardClientHeaders = forwardClientHeaders
        self.timeout = timeout
        self.requestTransform = requestTransform
        self.responseTransform = responseTransform
        self.otherFields = otherFields
    }
}

/// One argument of an action: `username: String!`.
public struct ActionArgument: Sendable, Hashable {
    public var name: String
    /// A GraphQL type reference such as `String!` or `[LoginInput!]`.
    public var type: String
    public var description: String?

    public init(name: String, type: String, description: String? = nil) {
        self.name = name
        self.type = type
        self.description = description
    }
}

/// Whether an action is a query or a mutation root field.
public enum ActionType: String, Sendable, Hashable {
    case query, mutation

    /// The root type the action extends in `actions.graphql`.
    public var rootTypeName: String { self == .query ? "Query" : "Mutation" }
}

/// Whether a mutation waits for its handler or returns an id at once.
public enum ActionKind: String, Sendable, Hashable {
    case synchronous, asynchronous
}

/// A role allowed to call an action.
public struct ActionPermission: Sendable, Hashable {
    public var role: String
    public var comment: String?
    public var otherFields: OrderedDictionary<String, JSONValue>

    public init(role: String, comment: String? = nil, otherFields: OrderedDictionary<String, JSONValue> = [:]) {
        self.role = role
        self.comment = comment
        self.otherFields = otherFields
    }
}
