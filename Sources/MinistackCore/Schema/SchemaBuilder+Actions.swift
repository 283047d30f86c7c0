/// The custom types and root fields of the actions a role may call.
///
/// Queries and synchronous mutations return their output type. An asynchronous mutation
/// returns `uuid!` (the action id), and a query field of the action's name takes that id and
/// returns the object type of the same name: `{id, created_at, output, errors}`.
extension SchemaBuilder {
    /// GraphQL's own scalars, which are never declared.
    static let graphQLScalars: Set = ["Int", "Float", "String", "Boolean", "ID"]

    /// Root fields of the role's actions of one type (`query` or `mutation`), defining the
    /// custom types they use.
    mutating func actionRootFields(_ type: ActionType) -> [SDLDocument.Field] {
        let actions = model.actions
        guard !actions.actions.isEmpty else { return [] }
        defineCustomTypes(actions)
        let root = type == .query ? HasuraNames.queryRoot : HasuraNames.mutationRoot
        var fields: [SDLDocument.Field] = []
        for action in actions.actions {
            let definition = action.definition
            let arguments = definition.arguments.map {
                SDLDocument.Argument(name: $0.name, type: $0.type, description: $0.description)
            }
            if definition.type == type {
                let isAsync = definition.kind == .asynchronous && type == .mutation
                if isAsync { declareScalar("uuid") }
                fields.append(
                    SDLDocument.Field(
                        name: action.name, type: isAsync ? "uuid!" : definition.outputType, description: action.comment,
                        arguments: arguments))
                meanings.fields[FieldCoordinate(root, action.name)] = .action(action.name)
            } else if type == .query, definition.kind == .asynchronous, definition.type == .mutation {
                defineAsyncResultType(action)
                fields.append(
                    SDLDocument.Field(
                        name: action.name, type: action.name, description: action.comment,
                        arguments: [SDLDocument.Argument(name: "id", type: "uuid!")]))
                meanings.fields[FieldCoordinate(root, action.name)] = .asyncActionResult(action.name)
            }
        }
        return fields
    }

    /// `type <action> {created_at: timestamptz! errors: json id: uuid! output: <Output>}`.
    mutating func defineAsyncResultType(_ action: ActionMetadata) {
        for scalar in ["uuid", "timestamptz", "json"] { declareScalar(scalar) }
        document.define(
            action.name,
            .object(
                description: action.comment,
                fields: [
                    SDLDocument.Field(name: "created_at", type: "timestamptz!"),
                    SDLDocument.Field(name: "errors", type: "json"),
                    SDLDocument.Field(name: "id", type: "uuid!"),
                    SDLDocument.Field(name: "output", type: ModelResolver.baseTypeName(action.definition.outputType)),
                ]))
    }

    /// Scalars, enums, input objects and objects of `custom_types`, objects with their
    /// relationship fields to tables the role may read.
    mutating func defineCustomTypes(_ actions: ResolvedActions) {
        let types = actions.customTypes
        for scalar in types.scalars { declareScalar(scalar.name) }
        for enumeration in types.enums {
            document.define(
                enumeration.name,
                .enumeration(
                    description: enumeration.description,
                    values: enumeration.values.map { ($0.value, $0.description) }))
        }
        for input in types.inputObjects {
            for field in input.fields { declareScalar(ModelResolver.baseTypeName(field.type)) }
            document.define(
                input.name,
                .input(
                    description: input.description,
                    fields: input.fields.map {
                        SDLDocument.Argument(name: $0.name, type: $0.type, description: $0.description)
                    }))
        }
        for object in types.objects {
            var fields: [SDLDocument.Field] = []
            for field in object.fields {
                declareScalar(ModelResolver.baseTypeName(field.type))
                fields.append(SDLDocument.Field(name: field.name, type: field.type, description: field.description))
            }
            for relationship in actions.relationships[object.name] ?? [] {
                guard let target = model.table(relationship.target), target.access.select != nil else { continue }
                defineTableTypes(target)
                let type =
                    relationship.kind == .object ? target.names.objectType : "[\(target.names.objectType)!]!"
                fields.append(
                    SDLDocument.Field(
                        name: relationship.name, type: type,
                        description: relationship.kind == .object ? "An object relationship" : "An array relationship",
                        arguments: relationship.kind == .array ? listArguments(for: target) : []))
            }
            document.define(object.name, .object(description: object.description, fields: fields))
        }
    }

    /// Declares `name` as a scalar unless GraphQL has it or another definition uses the name.
    mutating func declareScalar(_ name: String) {
        guard !Self.graphQLScalars.contains(name), !name.isEmpty else { return }
        if !(model.actions.customTypes.enums.contains { $0.name == name }
            || model.actions.customTypes.inputObjects.contains { $0.name == name }
            || model.actions.customTypes.objects.contains { $0.name == name })
        {
            document.define(name, .scalar)
        }
    }
}
