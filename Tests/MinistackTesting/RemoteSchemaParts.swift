import Foundation
import GraphQL
import OrderedCollections

/// Types and helpers both remote schemas use. Each schema gets its own instances, so the two
/// servers share type names (`DateTime`, `Header`, `Node`) but no objects.
enum RemoteSchemaParts {
    /// `scalar DateTime`: an ISO 8601 instant in UTC, e.g. `"2025-06-01T12:00:00Z"`. Resolvers
    /// return a `Date`; inputs must be ISO 8601 strings.
    static func dateTime() throws -> GraphQLScalarType {
        try GraphQLScalarType(
            name: "DateTime",
            description: "An ISO 8601 instant in UTC, e.g. \"2025-06-01T12:00:00Z\".",
            serialize: { value in
                if let date = value as? Date { return .string(iso8601(date)) }
                if let text = value as? String, let date = parseDate(text) { return .string(iso8601(date)) }
                throw GraphQLError(message: "DateTime cannot represent value: \(value)")
            },
            parseValue: { value in
                guard case .string(let text) = value, let date = parseDate(text) else {
                    throw GraphQLError(message: "DateTime cannot represent value: \(value)")
                }
                return .string(iso8601(date))
            },
            parseLiteral: { ast in
                guard let literal = ast as? StringValue, let date = parseDate(literal.value) else {
                    throw GraphQLError(message: "DateTime cannot represent value: \(print(ast: ast))", nodes: [ast])
                }
                return .string(iso8601(date))
            })
    }

    static func iso8601(_ date: Date) -> String { date.formatted(.iso8601) }

    static func parseDate(_ text: String) -> Date? { try? Date.ISO8601FormatStyle().parse(text) }

    /// A fixed instant, so that responses are reproducible.
    static func date(_ text: String) -> Date { parseDate(text)! }

    /// `type Header { name: String! value: String! }`
    static func header() throws -> GraphQLObjectType {
        try GraphQLObjectType(
            name: "Header",
            description: "An HTTP header of the request, name lowercased.",
            fields: [
                "name": field(GraphQLNonNull(GraphQLString)) { source, _, _, _ in
                    (source as? RemoteGraphQLServer.Header)?.name
                },
                "value": field(GraphQLNonNull(GraphQLString)) { source, _, _, _ in
                    (source as? RemoteGraphQLServer.Header)?.value
                },
            ])
    }

    /// `echoHeaders: [Header!]!`: the headers of the request being answered, in order.
    static func echoHeaders(_ header: GraphQLObjectType) -> GraphQLField {
        field(
            GraphQLNonNull(GraphQLList(GraphQLNonNull(header))),
            description: "The headers of this request as the server received them, names lowercased."
        ) { _, _, context, _ in
            list((context as? RemoteRequestContext)?.headers ?? [])
        }
    }

    /// `interface Node { id: ID! }`, resolving to the object type named by `typeName`.
    static func node(typeName: @escaping @Sendable (any Sendable) -> String?) throws -> GraphQLInterfaceType {
        try GraphQLInterfaceType(
            name: "Node",
            description: "An object with a globally unique id.",
            fields: ["id": GraphQLField(type: GraphQLNonNull(GraphQLID))],
            resolveType: { value, _ in
                guard let name = typeName(value) else { throw RemoteFieldError("no Node type for \(value)") }
                return name
            })
    }

    /// A field with a resolver (GraphQLSwift's `GraphQLField` initialisers are ambiguous with a
    /// trailing closure).
    static func field(
        _ type: any GraphQLOutputType, description: String? = nil, args: GraphQLArgumentConfigMap = [:],
        resolve: @escaping GraphQLFieldResolve
    ) -> GraphQLField {
        GraphQLField(type: type, description: description, args: args, resolve: resolve, subscribe: nil)
    }

    /// A list as GraphQLSwift's executor expects it from a resolver.
    static func list<Element: Sendable>(_ elements: [Element]) -> [(any Sendable)?] {
        elements.map { $0 }
    }

    /// An error for the field being resolved, with its path and location, and `extensions.code`.
    ///
    /// GraphQLSwift leaves a thrown `GraphQLError` as it is, so one built here carries the
    /// extensions; any other thrown error gets the path and location but no extensions.
    static func fieldError(_ message: String, code: String, _ info: GraphQLResolveInfo) -> GraphQLError {
        GraphQLError(message: message, nodes: info.fieldASTs, path: info.path, extensions: ["code": .string(code)])
    }
}

/// An error a resolver throws; the response's error message is its text.
struct RemoteFieldError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
