import OrderedCollections

/// Actions in the JSON form `export_metadata` answers and `create_action` takes.
extension ActionMetadata {
    static let knownKeys: Set = ["name", "definition", "comment", "permissions"]

    init(reading reader: JSONReader) throws {
        self.init(
            name: try reader.field("name").string(),
            definition: try ActionDefinition(reading: reader.field("definition")),
            comment: try reader.optionalString("comment"),
            permissions: try reader.optionalField("permissions")?.array(orNullAsEmpty: true).map {
                try ActionPermission(reading: $0)
            } ?? [],
            otherFields: try reader.otherFields(besides: Self.knownKeys))
    }

    /// `{name, definition, comment?, permissions?}` in the order Hasura exports them.
    public var exportJSON: JSONValue {
        var fields: [(String, JSONValue)] = [("name", .string(name)), ("definition", definition.exportJSON)]
        if let comment { fields.append(("comment", .string(comment))) }
        if !permissions.isEmpty { fields.append(("permissions", .array(permissions.map(\.json)))) }
        fields += otherFields.map { ($0.key, $0.value) }
        return .fields(fields)
    }
}

extension ActionDefinition {
    static let knownKeys: Set = [
        "handler", "output_type", "arguments", "type", "kind", "headers", "forward_client_headers", "timeout",
        "request_transform", "response_transform",
    ]

    init(reading reader: JSONReader) throws {
        let typeName = try reader.optionalString("type") ?? "mutation"
        guard let type = ActionType(rawValue: typeName) else {
            throw try reader.field("type").invalid("expected mutation or query, but encountered \(typeName)")
        }
        var kind = ActionKind.synchronous
        if type == .mutation, let kindName = try reader.optionalString("kind"), !kindName.isEmpty {
            guard let parsed = ActionKind(rawValue: kindName) else {
                throw try reader.field("kind").invalid("expected synchronous or asynchronous, found \(kindName)")
            }
            kind = parsed
        }
        let timeout = try reader.optionalField("timeout").flatMap { $0.value.isNull ? nil : try $0.int() }
        self.init(
            handler: URLTemplate(try reader.field("handler").string()),
            outputType: try reader.field("output_type").string(),
            arguments: try reader.optionalField("arguments")?.array(orNullAsEmpty: true).map {
                try ActionArgument(reading: $0)
            } ?? [],
            type: type, kind: kind,
            headers: try HeaderConfiguration.list(reader.optionalField("headers")),
            forwardClientHeaders: try reader.optionalBool("forward_client_headers", default: false),
            timeout: timeout ?? Self.defaultTimeout,
            requestTransform: reader.optionalField("request_transform")?.value,
            responseTransform: reader.optionalField("response_transform")?.value,
            otherFields: try reader.otherFields(besides: Self.knownKeys))
    }

    /// Hasura's order: handler, output_type, forward_client_headers (when true), headers and
    /// arguments (when any), the transforms, type, kind (mutations), timeout (when not 30).
    public var exportJSON: JSONValue {
        var fields: [(String, JSONValue)] = [("handler", .string(handler.text)), ("output_type", .string(outputType))]
        if forwardClientHeaders { fields.append(("forward_client_headers", .bool(true))) }
        if !headers.isEmpty { fields.append(("headers", .array(headers.map(\.json)))) }
        if !arguments.isEmpty { fields.append(("arguments", .array(arguments.map(\.json)))) }
        if let requestTransform { fields.append(("request_transform", requestTransform)) }
        if let responseTransform { fields.append(("response_transform", responseTransform)) }
        fields.append(("type", .string(type.rawValue)))
        if type == .mutation { fields.append(("kind", .string(kind.rawValue))) }
        if timeout != Self.defaultTimeout { fields.append(("timeout", .number(String(timeout)))) }
        fields += otherFields.map { ($0.key, $0.value) }
        return .fields(fields)
    }
}

extension ActionArgument {
    init(reading reader: JSONReader) throws {
        self.init(
            name: try reader.field("name").string(), type: try reader.field("type").string(),
            description: try reader.optionalString("description"))
    }

    var json: JSONValue {
        var fields: [(String, JSONValue)] = [("name", .string(name)), ("type", .string(type))]
        if let description { fields.append(("description", .string(description))) }
        return .fields(fields)
    }
}

extension ActionPermission {
    init(reading reader: JSONReader) throws {
        self.init(
            role: try reader.field("role").string(), comment: try reader.optionalString("comment"),
            otherFields: try reader.otherFields(besides: ["role", "comment"]))
    }

    var json: JSONValue {
        var fields: [(String, JSONValue)] = [("role", .string(role))]
        if let comment { fields.append(("comment", .string(comment))) }
        fields += otherFields.map { ($0.key, $0.value) }
        return .fields(fields)
    }
}
