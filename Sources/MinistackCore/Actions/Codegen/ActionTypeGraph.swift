/// The types one action's handler reads and writes: its arguments, its output type, and every
/// custom type reachable from them, in an order code can declare them in.
///
/// Language-neutral; each framework's generator renders it. Only types the action reaches are
/// listed, so a handler's code does not grow with the rest of the metadata. A name that is
/// neither GraphQL's nor a custom type is taken as a database scalar (`uuid`, `timestamptz`…):
/// checking that it exists is `ModelResolver`'s job, and generated code treats it as opaque JSON.
struct ActionTypeGraph: Sendable {
    /// A field of a model, or an argument of the action.
    struct Field: Sendable, Hashable {
        var name: String
        var type: TypeRef
        var description: String?
    }

    /// An input object or an object type, with its fields parsed.
    struct Model: Sendable, Hashable {
        var name: String
        var description: String?
        var fields: [Field]
        var isInput: Bool
    }

    /// What a name in the action's signature stands for.
    enum NamedType: Sendable, Hashable {
        /// `Int`, `Float`, `String`, `Boolean` or `ID`.
        case builtInScalar(String)
        /// A scalar of the database Hasura exposes under its own name (`uuid`, `jsonb`, `numeric`…).
        case databaseScalar(String)
        case customScalar(CustomScalarType)
        case enumeration(CustomEnumType)
        case model(Model)
    }

    static let builtInScalars: Set = ["Int", "Float", "String", "Boolean", "ID"]

    let action: ActionMetadata
    let arguments: [Field]
    let output: TypeRef
    /// The named types the action reaches, dependencies first: a model comes after the models
    /// its fields name, except where the types form a cycle (then one of them must refer forward).
    /// Scalars and enums come in the order they are first met.
    let reachable: [NamedType]
    private let byName: [String: NamedType]

    /// A custom type's fields with their types parsed; `owner` names the type in errors.
    static func fields(_ fields: [CustomTypeField], of owner: String) throws(ActionCodegenError) -> [Field] {
        try fields.map { field throws(ActionCodegenError) in
            Field(
                name: field.name, type: try parse(field.type, at: "field \(field.name) of \(owner)"),
                description: field.description)
        }
    }

    init(action: ActionMetadata, customTypes: CustomTypes) throws(ActionCodegenError) {
        self.action = action
        var byName: [String: NamedType] = [:]
        for scalar in customTypes.scalars { byName[scalar.name] = byName[scalar.name] ?? .customScalar(scalar) }
        for enumType in customTypes.enums { byName[enumType.name] = byName[enumType.name] ?? .enumeration(enumType) }
        for input in customTypes.inputObjects where byName[input.name] == nil {
            let fields = try Self.fields(input.fields, of: "input \(input.name)")
            byName[input.name] = .model(
                Model(name: input.name, description: input.description, fields: fields, isInput: true))
        }
        for object in customTypes.objects where byName[object.name] == nil {
            let fields = try Self.fields(object.fields, of: "type \(object.name)")
            byName[object.name] = .model(
                Model(name: object.name, description: object.description, fields: fields, isInput: false))
        }
        self.byName = byName

        arguments = try action.definition.arguments.map { argument throws(ActionCodegenError) in
            Field(
                name: argument.name,
                type: try Self.parse(argument.type, at: "argument \(argument.name) of action \(action.name)"),
                description: argument.description)
        }
        output = try Self.parse(action.definition.outputType, at: "the output of action \(action.name)")

        var order: [NamedType] = []
        var visited: Set<String> = []
        func visit(_ name: String) {
            guard visited.insert(name).inserted else { return }
            let type = Self.lookUp(name, in: byName)
            if case .model(let model) = type {
                for field in model.fields { visit(field.type.namedType) }
            }
            order.append(type)
        }
        for argument in arguments { visit(argument.type.namedType) }
        visit(output.namedType)
        reachable = order
    }

    /// What `name` stands for in this action's metadata.
    func type(named name: String) -> NamedType { Self.lookUp(name, in: byName) }

    /// The reachable models, in declaration order.
    var models: [Model] {
        reachable.compactMap { if case .model(let model) = $0 { model } else { nil } }
    }

    private static func lookUp(_ name: String, in byName: [String: NamedType]) -> NamedType {
        if let type = byName[name] { return type }
        return builtInScalars.contains(name) ? .builtInScalar(name) : .databaseScalar(name)
    }

    /// `[Book!]!` as a `TypeRef`; whitespace is ignored, as GraphQL ignores it.
    private static func parse(_ reference: String, at place: String) throws(ActionCodegenError) -> TypeRef {
        guard let type = TypeRef(parsing: Substring(reference.filter { !$0.isWhitespace })) else {
            throw .invalidTypeReference(reference, at: place)
        }
        return type
    }
}

extension ActionTypeGraph.NamedType {
    var name: String {
        switch self {
        case .builtInScalar(let name), .databaseScalar(let name): name
        case .customScalar(let scalar): scalar.name
        case .enumeration(let enumType): enumType.name
        case .model(let model): model.name
        }
    }
}
