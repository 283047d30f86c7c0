/// A remote GraphQL server's schema as its introspection answered it, with the remote's own
/// (uncustomized) names.
public struct RemoteTypeSystem: Sendable {
    public var queryType: String?
    public var mutationType: String?
    /// Every type by name, introspection's own (`__…`) left out.
    public var types: [String: RemoteType]
    /// Type names in the order the remote listed them.
    public var order: [String]

    /// Why an introspection answer cannot be used.
    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Reads `{"data": {"__schema": …}}` (or the `__schema` object itself).
    public init(introspection: JSONValue) throws(Invalid) {
        let schema = introspection["data"]?["__schema"] ?? introspection["__schema"] ?? introspection
        guard case .array(let types)? = schema["types"] else {
            if let message = introspection["errors"]?.arrayValue?.first?["message"]?.stringValue {
                throw Invalid(description: "the introspection query failed: \(message)")
            }
            throw Invalid(description: "the introspection answer has no __schema.types")
        }
        queryType = schema["queryType"]?["name"]?.stringValue
        mutationType = schema["mutationType"]?["name"]?.stringValue
        guard queryType != nil else { throw Invalid(description: "the remote schema has no query type") }
        var byName: [String: RemoteType] = [:]
        var order: [String] = []
        for json in types {
            let type = try RemoteType(json: json)
            guard !type.name.hasPrefix("__") else { continue }
            byName[type.name] = type
            order.append(type.name)
        }
        self.types = byName
        self.order = order
    }

    /// The fields of the query or mutation root.
    public func rootFields(_ operation: RemoteOperation) -> [RemoteField] {
        let name = operation == .query ? queryType : mutationType
        return name.flatMap { types[$0]?.fields } ?? []
    }
}

/// The operation a remote root field belongs to.
public enum RemoteOperation: String, Sendable, Hashable {
    case query, mutation
}

/// One type of a remote schema.
public struct RemoteType: Sendable {
    public enum Kind: String, Sendable {
        case scalar = "SCALAR", object = "OBJECT", interface = "INTERFACE", union = "UNION", enumeration = "ENUM"
        case inputObject = "INPUT_OBJECT"
    }

    public var kind: Kind
    public var name: String
    public var description: String?
    public var fields: [RemoteField]
    public var inputFields: [RemoteInputValue]
    public var enumValues: [String]
    public var interfaces: [String]
    public var possibleTypes: [String]

    init(json: JSONValue) throws(RemoteTypeSystem.Invalid) {
        guard let kindText = json["kind"]?.stringValue, let kind = Kind(rawValue: kindText),
            let name = json["name"]?.stringValue
        else { throw RemoteTypeSystem.Invalid(description: "a type without a known kind or a name") }
        self.kind = kind
        self.name = name
        description = json["description"]?.stringValue
        var fields: [RemoteField] = []
        for field in json["fields"]?.arrayValue ?? [] {
            guard let fieldName = field["name"]?.stringValue, let type = field["type"] else { continue }
            var arguments: [RemoteInputValue] = []
            for argument in field["args"]?.arrayValue ?? [] { arguments.append(try RemoteInputValue(json: argument)) }
            fields.append(
                RemoteField(
                    name: fieldName, description: field["description"]?.stringValue, arguments: arguments,
                    type: try Self.typeRef(type)))
        }
        self.fields = fields
        var inputFields: [RemoteInputValue] = []
        for field in json["inputFields"]?.arrayValue ?? [] { inputFields.append(try RemoteInputValue(json: field)) }
        self.inputFields = inputFields
        enumValues = (json["enumValues"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        interfaces = (json["interfaces"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        possibleTypes = (json["possibleTypes"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
    }

    /// `{kind, name, ofType}` → `[Book!]!`.
    static func typeRef(_ json: JSONValue) throws(RemoteTypeSystem.Invalid) -> TypeRef {
        switch json["kind"]?.stringValue {
        case "NON_NULL"?:
            guard let inner = json["ofType"] else { break }
            return .nonNull(try typeRef(inner))
        case "LIST"?:
            guard let inner = json["ofType"] else { break }
            return .list(try typeRef(inner))
        default:
            if let name = json["name"]?.stringValue { return .named(name) }
        }
        throw RemoteTypeSystem.Invalid(description: "a type reference without a name")
    }
}

/// A field of a remote object or interface type.
public struct RemoteField: Sendable {
    public var name: String
    public var description: String?
    public var arguments: [RemoteInputValue]
    public var type: TypeRef
}

/// An argument or input object field: its type and default (as GraphQL text).
public struct RemoteInputValue: Sendable {
    public var name: String
    public var description: String?
    public var type: TypeRef
    public var defaultValue: String?

    init(json: JSONValue) throws(RemoteTypeSystem.Invalid) {
        guard let name = json["name"]?.stringValue, let type = json["type"] else {
            throw RemoteTypeSystem.Invalid(description: "an input value without a name or type")
        }
        self.name = name
        description = json["description"]?.stringValue
        self.type = try RemoteType.typeRef(type)
        defaultValue = json["defaultValue"]?.stringValue
    }
}
