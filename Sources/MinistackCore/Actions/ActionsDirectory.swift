import OrderedCollections

/// The two files a metadata directory keeps actions in, as Hasura CLI splits them:
/// `actions.graphql` holds the signatures (arguments, output types) and the custom types'
/// fields, `actions.yaml` the rest (handler, kind, headers, permissions, comments; type names
/// with descriptions, enum values and relationships).
///
/// Reading merges them; writing splits them again, so a directory written by the CLI survives
/// read → export → write byte for byte.
enum ActionsDirectory {
    static let yamlFile = "actions.yaml"

    /// Actions and custom types from `actions.yaml` (loaded as JSON) and `actions.graphql`.
    ///
    /// An action in `actions.graphql` needs an entry in `actions.yaml` (its handler); an entry
    /// in `actions.yaml` without `output_type` needs its signature in `actions.graphql`. Entries
    /// written in full (as `export_metadata` gives them) stand on their own.
    static func read(yaml: JSONValue?, sdl text: String?) throws -> (
        actions: [ActionMetadata], customTypes: CustomTypes
    ) {
        let root = JSONReader(value: yaml ?? .emptyObject, file: yamlFile, path: "$")
        guard root.value.objectValue != nil else {
            throw root.invalid("expected an object with actions and custom_types")
        }
        let sdl = try text.map { try ActionsSDLReader.read($0) } ?? ActionsSDL()
        let entries = try root.optionalField("actions")?.array(orNullAsEmpty: true) ?? []
        var actions: [ActionMetadata] = []
        var used: Set<Int> = []
        for signature in sdl.actions {
            guard
                let index = entries.indices.first(where: {
                    !used.contains($0) && entries[$0].value["name"]?.stringValue == signature.name
                })
            else {
                throw root.invalid(
                    "action \"\(signature.name)\" is declared in actions.graphql but has no entry (with its handler) in actions.yaml"
                )
            }
            used.insert(index)
            var entry = entries[index].value.objectValue ?? [:]
            var definition = entry["definition"]?.objectValue ?? [:]
            definition["type"] = .string(signature.type.rawValue)
            definition["output_type"] = .string(signature.outputType)
            definition["arguments"] = .array(signature.arguments.map(\.json))
            entry["definition"] = .object(definition)
            actions.append(
                try ActionMetadata(
                    reading: JSONReader(value: .object(entry), file: yamlFile, path: entries[index].path)))
        }
        for (index, entry) in entries.enumerated() where !used.contains(index) {
            guard entry.value["definition"]?["output_type"] != nil else {
                let name = entry.value["name"]?.stringValue ?? "?"
                throw entry.invalid("action \(name) is not present in actions.graphql")
            }
            actions.append(try ActionMetadata(reading: entry))
        }
        let written = root.optionalField("custom_types")
        return (actions, try mergedCustomTypes(written: written, declared: sdl.customTypes))
    }

    /// The custom types of `actions.graphql`, with descriptions, enum value details, relationships and
    /// other keys from `actions.yaml`; types written in full in `actions.yaml` are added after them.
    private static func mergedCustomTypes(written: JSONReader?, declared: CustomTypes) throws -> CustomTypes {
        func entries(_ key: String) throws -> [JSONReader] {
            try written?.optionalField(key)?.array(orNullAsEmpty: true) ?? []
        }
        func missing(_ entry: JSONReader) -> MetadataError {
            entry.invalid("custom type \(entry.value["name"]?.stringValue ?? "?") is not present in actions.graphql")
        }
        let known: Set = ["name", "description", "fields", "values", "relationships"]
        var types = CustomTypes()

        let enumEntries = try entries("enums")
        for var enumType in declared.enums {
            if let entry = enumEntries.first(where: { $0.value["name"]?.stringValue == enumType.name }) {
                enumType.description = try entry.optionalString("description") ?? enumType.description
                let values = try entry.optionalField("values")?.array(orNullAsEmpty: true) ?? []
                for position in enumType.values.indices {
                    guard
                        let match = values.first(where: {
                            $0.value["value"]?.stringValue == enumType.values[position].value
                        })
                    else { continue }
                    let detail = try CustomEnumValue(reading: match)
                    enumType.values[position].description = enumType.values[position].description ?? detail.description
                    enumType.values[position].isDeprecated = detail.isDeprecated
                }
            }
            types.enums.append(enumType)
        }
        for entry in enumEntries where !declared.enums.contains(where: { $0.name == entry.value["name"]?.stringValue })
        {
            guard entry.value["values"] != nil else { throw missing(entry) }
            types.enums.append(try CustomEnumType(reading: entry))
        }

        let inputEntries = try entries("input_objects")
        for var input in declared.inputObjects {
            if let entry = inputEntries.first(where: { $0.value["name"]?.stringValue == input.name }) {
                input.description = try entry.optionalString("description") ?? input.description
                input.otherFields = try entry.otherFields(besides: known)
            }
            types.inputObjects.append(input)
        }
        for entry in inputEntries
        where !declared.inputObjects.contains(where: { $0.name == entry.value["name"]?.stringValue }) {
            guard entry.value["fields"] != nil else { throw missing(entry) }
            types.inputObjects.append(try CustomInputObjectType(reading: entry))
        }

        let objectEntries = try entries("objects")
        for var object in declared.objects {
            if let entry = objectEntries.first(where: { $0.value["name"]?.stringValue == object.name }) {
                object.description = try entry.optionalString("description") ?? object.description
                object.relationships =
                    try entry.optionalField("relationships")?.array(orNullAsEmpty: true).map(\.value) ?? []
                object.otherFields = try entry.otherFields(besides: known)
            }
            types.objects.append(object)
        }
        for entry in objectEntries
        where !declared.objects.contains(where: { $0.name == entry.value["name"]?.stringValue }) {
            guard entry.value["fields"] != nil else { throw missing(entry) }
            types.objects.append(try CustomObjectType(reading: entry))
        }

        let scalarEntries = try entries("scalars")
        for var scalar in declared.scalars {
            if let entry = scalarEntries.first(where: { $0.value["name"]?.stringValue == scalar.name }) {
                scalar.description = try entry.optionalString("description") ?? scalar.description
            }
            types.scalars.append(scalar)
        }
        for entry in scalarEntries
        where !declared.scalars.contains(where: { $0.name == entry.value["name"]?.stringValue }) {
            types.scalars.append(try CustomScalarType(reading: entry))
        }
        return types
    }

    /// The text of `actions.graphql` and the content of `actions.yaml` for these actions and types.
    static func files(actions: [ActionMetadata], customTypes: CustomTypes) -> (graphql: String, yaml: JSONValue) {
        let yaml = JSONValue.fields([
            ("actions", .array(actions.map(yamlEntry))),
            (
                "custom_types",
                .fields([
                    ("enums", .array(customTypes.enums.map(yamlEntry))),
                    ("input_objects", .array(customTypes.inputObjects.map(yamlEntry))),
                    ("objects", .array(customTypes.objects.map(yamlEntry))),
                    ("scalars", .array(customTypes.scalars.map(yamlEntry))),
                ])
            ),
        ])
        return (ActionsSDLPrinter.print(actions: actions, customTypes: customTypes), yaml)
    }

    /// An action without its signature, keys in the CLI's order: name, definition (kind,
    /// handler, forward_client_headers, headers, timeout, transforms), permissions, comment.
    private static func yamlEntry(_ action: ActionMetadata) -> JSONValue {
        let definition = action.definition
        var fields: [(String, JSONValue)] = [
            ("kind", .string(definition.type == .mutation ? definition.kind.rawValue : "")),
            ("handler", .string(definition.handler.text)),
        ]
        if definition.forwardClientHeaders { fields.append(("forward_client_headers", .bool(true))) }
        if !definition.headers.isEmpty { fields.append(("headers", .array(definition.headers.map(\.json)))) }
        if definition.timeout != ActionDefinition.defaultTimeout {
            fields.append(("timeout", .number(String(definition.timeout))))
        }
        if let transform = definition.requestTransform { fields.append(("request_transform", transform)) }
        if let transform = definition.responseTransform { fields.append(("response_transform", transform)) }
        fields += definition.otherFields.map { ($0.key, $0.value) }
        var entry: [(String, JSONValue)] = [("name", .string(action.name)), ("definition", .fields(fields))]
        if !action.permissions.isEmpty { entry.append(("permissions", .array(action.permissions.map(\.json)))) }
        if let comment = action.comment { entry.append(("comment", .string(comment))) }
        entry += action.otherFields.map { ($0.key, $0.value) }
        return .fields(entry)
    }

    private static func yamlEntry(_ type: CustomEnumType) -> JSONValue {
        var fields = nameAndDescription(type.name, type.description)
        fields.append(("values", .array(type.values.map(\.json))))
        return .fields(fields)
    }

    private static func yamlEntry(_ type: CustomInputObjectType) -> JSONValue {
        .fields(nameAndDescription(type.name, type.description) + type.otherFields.map { ($0.key, $0.value) })
    }

    private static func yamlEntry(_ type: CustomObjectType) -> JSONValue {
        var fields = nameAndDescription(type.name, type.description)
        if !type.relationships.isEmpty { fields.append(("relationships", .array(type.relationships))) }
        return .fields(fields + type.otherFields.map { ($0.key, $0.value) })
    }

    private static func yamlEntry(_ type: CustomScalarType) -> JSONValue {
        .fields(nameAndDescription(type.name, type.description))
    }

    private static func nameAndDescription(_ name: String, _ description: String?) -> [(String, JSONValue)] {
        var fields: [(String, JSONValue)] = [("name", .string(name))]
        if let description { fields.append(("description", .string(description))) }
        return fields
    }
}
