public import OrderedCollections

/// The GraphQL types actions use (`custom_types` in the metadata): input objects for
/// arguments, objects for outputs, scalars and enums for both.
///
/// In a metadata directory the fields live in `actions.graphql` and `actions.yaml` keeps only
/// names, descriptions and relationships; in `export_metadata`'s JSON everything is here.
public struct CustomTypes: Sendable, Hashable {
    public var inputObjects: [CustomInputObjectType]
    public var objects: [CustomObjectType]
    public var scalars: [CustomScalarType]
    public var enums: [CustomEnumType]

    public init(
        inputObjects: [CustomInputObjectType] = [], objects: [CustomObjectType] = [],
        scalars: [CustomScalarType] = [], enums: [CustomEnumType] = []
    ) {
        self.inputObjects = inputObjects
        self.objects = objects
        self.scalars = scalars
        self.enums = enums
    }

    public var isEmpty: Bool { inputObjects.isEmpty && objects.isEmpty && scalars.isEmpty && enums.isEmpty }

    /// Every type name, in the order `actions.graphql` lists them (enums, input objects, objects, scalars).
    public var allNames: [String] {
        enums.map(\.name) + inputObjects.map(\.name) + objects.map(\.name) + scalars.map(\.name)
    }
}

/// An `input` type for action arguments.
public struct CustomInputObjectType: Sendable, Hashable {
    public var name: String
    public var description: String?
    public var fields: [CustomTypeField]
    public var otherFields: OrderedDictionary<String, JSONValue>

    public init(
        name: String, description: String? = nil, fields: [CustomTypeField],
        otherFields: OrderedDictionary<String, JSONValue> = [:]
    ) {
        self.name = name
        self.description = description
        self.fields = fields
        self.otherFields = otherFields
    }
}

/// An object `type` an action returns, with relationships to tables (kept as written).
public struct CustomObjectType: Sendable, Hashable {
    public var name: String
    public var description: String?
    public var fields: [CustomTypeField]
    /// `[{name, type, remote_table, field_mapping, source?}]` as written.
    public var relationships: [JSONValue]
    public var otherFields: OrderedDictionary<String, JSONValue>

    public init(
        name: String, description: String? = nil, fields: [CustomTypeField], relationships: [JSONValue] = [],
        otherFields: OrderedDictionary<String, JSONValue> = [:]
    ) {
        self.name = name
        self.description = description
        self.fields = fields
        self.relationships = relationships
        self.otherFields = otherFields
    }
}

/// A field of a custom object or input object: `accessToken: String!`.
public struct CustomTypeField: Sendable, Hashable {
    public var name: String
    /// A GraphQL type reference such as `String!` or `[Role!]`.
    public var type: String
    public var description: String?
    /// Object fields may declare arguments (kept as written; Hasura ignores them at run time).
    public var arguments: JSONValue?

    public init(name: String, type: String, description: String? = nil, arguments: JSONValue? = nil) {
        self.name = name
        self.type = type
        self.description = description
        self.arguments = arguments
    }
}

/// A custom `scalar`, passed to and from handlers as JSON.
public struct CustomScalarType: Sendable, Hashable {
    public var name: String
    public var description: String?

    public init(name: String, description: String? = nil) {
        self.name = name
        self.description = description
    }
}

/// A custom `enum`.
public struct CustomEnumType: Sendable, Hashable {
    public var name: String
    public var description: String?
    public var values: [CustomEnumValue]

    public init(name: String, description: String? = nil, values: [CustomEnumValue]) {
        self.name = name
        self.description = description
        self.values = values
    }
}

/// One value of a custom enum.
public struct CustomEnumValue: Sendable, Hashable {
    public var value: String
    public var description: String?
    public var isDeprecated: Bool?

    public init(value: String, description: String? = nil, isDeprecated: Bool? = nil) {
        self.value = value
        self.description = description
        self.isDeprecated = isDeprecated
    }
}
