public import GraphQL

/// A GraphQL type reference such as `[author_order_by!]!`.
public indirect enum TypeRef: Sendable, Hashable, CustomStringConvertible {
    case named(String)
    case list(TypeRef)
    case nonNull(TypeRef)

    /// Parses SDL type text (`Int`, `[String!]`, `author_bool_exp!`).
    public init?(parsing text: Substring) {
        if text.hasSuffix("!") {
            guard let inner = TypeRef(parsing: text.dropLast()), !inner.isNonNull else { return nil }
            self = .nonNull(inner)
        } else if text.hasPrefix("["), text.hasSuffix("]") {
            guard let inner = TypeRef(parsing: text.dropFirst().dropLast()) else { return nil }
            self = .list(inner)
        } else if GraphQLName.isValid(String(text)) {
            self = .named(String(text))
        } else {
            return nil
        }
    }

    /// The reference an operation's variable definition spells.
    public init(ast: any GraphQL.`Type`) {
        if let nonNull = ast as? NonNullType {
            self = .nonNull(TypeRef(ast: nonNull.type))
        } else if let list = ast as? ListType {
            self = .list(TypeRef(ast: list.type))
        } else if let named = ast as? NamedType {
            self = .named(named.name.value)
        } else {
            self = .named("")
        }
    }

    public var isNonNull: Bool {
        if case .nonNull = self { return true }
        return false
    }

    /// The type without its outer non-null marker.
    public var nullable: TypeRef {
        if case .nonNull(let inner) = self { return inner }
        return self
    }

    public var namedType: String {
        switch self {
        case .named(let name): name
        case .list(let inner), .nonNull(let inner): inner.namedType
        }
    }

    public var description: String {
        switch self {
        case .named(let name): name
        case .list(let inner): "[\(inner)]"
        case .nonNull(let inner): "\(inner)!"
        }
    }
}

/// The shape of a named input type, enough to coerce variables without GraphQLSwift internals.
public enum InputTypeShape: Sendable, Hashable {
    case scalar
    case enumeration(Set<String>)
    case inputObject([String: TypeRef])
}
