import OrderedCollections

/// Custom types in the JSON form `export_metadata` answers and `set_custom_types` takes.
extension CustomTypes {
    init(reading reader: JSONReader) throws {
        func list<Item>(_ key: String, _ make: (JSONReader) throws -> Item) throws -> [Item] {
            try reader.optionalField(key)?.array(orNullAsEmpty: true).map(make) ?? []
        }
        guard reader.value.objectValue != nil || reader.value.isNull else {
            throw reader.invalid("expected an object, found \(reader.value.kindName)")
        }
        self.init(
            inputObjects: try list("input_objects") { try CustomInputObjectType(reading: $0) },
            objects: try list("objects") { try CustomObjectType(reading: $0) },
            scalars: try list("scalars") { try CustomScalarType(reading: $0) },
            enums: try list("enums") { try CustomEnumType(reading: $0) })
    }

    /// `{input_objects?, objects?, scalars?, enums?}` with only the kinds that have types, as Hasura exports them.
    public var exportJSON: JSONValue {
        var fields: [(String, JSONValue)] = []
        if !inputObjects.isEmpty { fields.append(("input_objects", .array(inputObjects.map(\.exportJSON)))) }
        if !objects.isEmpty { fields.append(("objects", .array(objects.map(\.exportJSON)))) }
        if !scalars.isEmpty { fields.append(("scalars", .array(scalars.map(\.exportJSON)))) }
        if !enums.isEmpty { fields.append(("enums", .array(enums.map(\.exportJSON)))) }
        return .fields(fields)
    }
}

extension CustomInputObjectType {
    init(reading reader: JSONReader) throws {
        self.init(
            name: try reader.field("name").string(), description: try reader.optionalString("description"),
            fields: try reader.field("fields").array().map { try CustomTypeField(reading: $0) },
            otherFields: try reader.otherFields(besides: ["name", "description", "fields"]))
    }

    var exportJSON: JSONValue {
        var fields: [(String, JSONValue)] = [
            ("name", .string(name)), ("fields", .array(self.fields.map(\.exportJSON))),
        ]
        if let description { fields.append(("description", .string(description))) }
        fields += otherFields.map { ($0.key, $0.value) }
        return .fields(fields)
    }
}

extension CustomObjectType {
    init(reading reader: JSONReader) throws {
        self.init(
            name: try reader.field("name").string(), description: try reader.optionalString("description"),
            fields: try reader.field("fields").array().map { try CustomTypeField(reading: $0) },
            relationships: try reader.optionalField("relationships")?.array(orNullAsEmpty: true).map(\.value) ?? [],
            otherFields: try reader.otherFields(besides: ["name", "description", "fields", "relationships"]))
    }

    var exportJSON: JSONValue {
        var fields: [(String, JSONValue)] = [
            ("name", .string(name)), ("fields", .array(self.fields.map(\.exportJSON))),
        ]
        if let description { fields.append(("description", .string(description))) }
        if !relationships.isEmpty { fields.append(("relationships", .array(relationships))) }
        fields += otherFields.map { ($0.key, $0.value) }
        return .fields(fields)
    }
}

extension CustomTypeField {
    init(reading reader: JSONReader) throws {
        self.init(
            name: try reader.field("name").string(), type: try reader.field("type").string(),
            description: try reader.optionalString("description"), arguments: reader.optionalField("arguments")?.value)
    }

    var exportJSON: JSONValue {
        var fields: [(String, JSONValue)] = [("name", .string(name)), ("type", .string(type))]
        if let arguments { fields.append(("arguments", arguments)) }
        if let description { fields.append(("description", .string(description))) }
        return .fields(fields)
    }
}

extension CustomScalarType {
    init(reading reader: JSONReader) throws {
        self.init(name: try reader.field("name").string(), description: try reader.optionalString("description"))
    }

    var exportJSON: JSONValue {
        var fields: [(String, JSONValue)] = [("name", .string(name))]
        if let description { fields.append(("description", .string(description))) }
        return .fields(fields)
    }
}

extension CustomEnumType {
    init(reading reader: JSONReader) throws {
        self.init(
            name: try reader.field("name").string(), description: try reader.optionalString("description"),
            values: try reader.field("values").array().map { try CustomEnumValue(reading: $0) })
    }

    var exportJSON: JSONValue {
        var fields: [(String, JSONValue)] = [("name", .string(name)), ("values", .array(values.map(\.json)))]
        if let description { fields.append(("description", .string(description))) }
        return .fields(fields)
    }
}

extension CustomEnumValue {
    init(reading reader: JSONReader) throws {
        let deprecated = reader.optionalField("is_deprecated")
        self.init(
            value: try reader.field("value").string(), description: try reader.optionalString("description"),
            isDeprecated: try deprecated.flatMap { $0.value.isNull ? nil : try $0.bool() })
    }

    /// `{description, is_deprecated, value}`, nulls included, as Hasura exports enum values.
    var json: JSONValue {
        .fields([
            ("description", description.map(JSONValue.string) ?? .null),
            ("is_deprecated", isDeprecated.map(JSONValue.bool) ?? .null), ("value", .string(value)),
        ])
    }
}
