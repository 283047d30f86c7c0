/// The types and root fields of the remote schemas a role may use, under their customized
/// names. Root fields go to the root types, or under one namespace field per operation.
extension SchemaBuilder {
    /// The root fields of every remote for `operation`, defining the remotes' types (once).
    mutating func remoteRootFields(_ operation: RemoteOperation) -> [SDLDocument.Field] {
        var fields: [SDLDocument.Field] = []
        let root = operation == .query ? HasuraNames.queryRoot : HasuraNames.mutationRoot
        for remote in model.remoteSchemas {
            guard let schema = remote.schema else { continue }
            defineRemoteTypes(schema)
            let rootFields = schema.types.rootFields(operation)
            guard !rootFields.isEmpty,
                let rootType = operation == .query ? schema.types.queryType : schema.types.mutationType
            else { continue }
            let customization = schema.customization
            let merged = rootFields.map { remoteField($0, of: rootType, customization: customization) }
            if let namespace = customization.rootFieldsNamespace {
                let typeName = customization.typeName(rootType)
                document.define(typeName, .object(description: nil, fields: merged))
                fields.append(SDLDocument.Field(name: namespace, type: typeName + "!"))
                meanings.fields[FieldCoordinate(root, namespace)] = .remoteNamespace(remote: remote.name)
            } else {
                fields += merged
                for field in rootFields {
                    meanings.fields[FieldCoordinate(root, customization.fieldName(field.name, of: rootType))] =
                        .remoteRootField(remote: remote.name, field: field.name)
                }
            }
        }
        return fields
    }

    /// Every type of the remote but its root types, renamed.
    mutating func defineRemoteTypes(_ schema: CustomizedRemoteSchema) {
        let customization = schema.customization
        for name in schema.types.order where !schema.isRoot(name) {
            guard let type = schema.types.types[name], !RemoteSchemaCustomization.builtInScalars.contains(name) else {
                continue
            }
            let merged = customization.typeName(name)
            guard !document.contains(merged) else { continue }
            let fields = type.fields.map { remoteField($0, of: name, customization: customization) }
            switch type.kind {
            case .scalar:
                document.define(merged, .scalar)
            case .object:
                document.define(
                    merged,
                    .implementing(
                        description: type.description, fields: fields,
                        interfaces: type.interfaces.map(customization.typeName)))
            case .interface:
                document.define(merged, .interface(description: type.description, fields: fields))
            case .union:
                document.define(
                    merged,
                    .union(description: type.description, members: type.possibleTypes.map(customization.typeName)))
            case .enumeration:
                document.define(
                    merged, .enumeration(description: type.description, values: type.enumValues.map { ($0, nil) }))
            case .inputObject:
                document.define(
                    merged,
                    .input(
                        description: type.description,
                        fields: type.inputFields.map { remoteArgument($0, customization: customization) }))
            }
        }
    }

    func remoteField(_ field: RemoteField, of parent: String, customization: RemoteSchemaCustomization)
        -> SDLDocument.Field
    {
        SDLDocument.Field(
            name: customization.fieldName(field.name, of: parent), type: customization.typeRef(field.type).description,
            description: field.description,
            arguments: field.arguments.map { remoteArgument($0, customization: customization) })
    }

    func remoteArgument(_ value: RemoteInputValue, customization: RemoteSchemaCustomization) -> SDLDocument.Argument {
        let type = customization.typeRef(value.type).description
        return SDLDocument.Argument(
            name: value.name, type: value.defaultValue.map { type + " = " + $0 } ?? type,
            description: value.description)
    }
}
