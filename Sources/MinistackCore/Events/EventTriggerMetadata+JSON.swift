/// Event triggers in the JSON form a table's `event_triggers` list holds.
extension EventTriggerMetadata {
    init(reading reader: JSONReader) throws {
        let definition = try reader.field("definition")
        let operations = EventTriggerOperations(
            insert: try EventOperationSpec(reading: definition.optionalField("insert")),
            update: try EventOperationSpec(reading: definition.optionalField("update")),
            delete: try EventOperationSpec(reading: definition.optionalField("delete")),
            enableManual: try definition.optionalBool("enable_manual", default: false))
        let retry = try reader.optionalField("retry_conf").flatMap {
            $0.value.isNull ? nil : try EventRetryConfiguration(reading: $0)
        }
        self.init(
            name: try reader.field("name").string(), operations: operations, retry: retry ?? EventRetryConfiguration(),
            webhook: try EventWebhook(reading: reader),
            headers: try HeaderConfiguration.list(reader.optionalField("headers")),
            cleanup: try reader.optionalField("cleanup_config").flatMap {
                $0.value.isNull ? nil : try EventCleanupConfiguration(reading: $0)
            },
            raw: reader.value)
    }

    /// A trigger made through `pg_create_event_trigger`, with `raw` laid out as Hasura exports
    /// it: name, definition, retry_conf, the webhook, headers (when any), then `extra`
    /// (transforms, cleanup configuration), nested keys sorted.
    public init(
        name: String, operations: EventTriggerOperations, retry: EventRetryConfiguration, webhook: EventWebhook,
        headers: [HeaderConfiguration], cleanup: EventCleanupConfiguration? = nil, extra: [(String, JSONValue)]
    ) {
        var fields: [(String, JSONValue)] = [
            ("name", .string(name)), ("definition", operations.json), ("retry_conf", retry.json),
        ]
        switch webhook {
        case .url(let template): fields.append(("webhook", .string(template.text)))
        case .fromEnvironment(let variable): fields.append(("webhook_from_env", .string(variable)))
        }
        if !headers.isEmpty { fields.append(("headers", .array(headers.map(\.json)))) }
        fields += extra.map { ($0.0, $0.1.sortedKeys) }
        self.init(
            name: name, operations: operations, retry: retry, webhook: webhook, headers: headers, cleanup: cleanup,
            raw: .fields(fields))
    }

    /// The triggers of a table entry's `event_triggers` list (absent or null: none).
    static func list(_ reader: JSONReader?) throws -> [EventTriggerMetadata] {
        try reader?.array(orNullAsEmpty: true).map { try EventTriggerMetadata(reading: $0) } ?? []
    }
}

extension EventTriggerOperations {
    /// `{delete?, enable_manual, insert?, update?}`: Hasura exports the definition with sorted keys.
    var json: JSONValue {
        var fields: [(String, JSONValue)] = []
        if let delete { fields.append(("delete", delete.json)) }
        fields.append(("enable_manual", .bool(enableManual)))
        if let insert { fields.append(("insert", insert.json)) }
        if let update { fields.append(("update", update.json)) }
        return .fields(fields)
    }
}

extension EventOperationSpec {
    /// nil for an absent or null spec.
    init?(reading reader: JSONReader?) throws {
        guard let reader, !reader.value.isNull else { return nil }
        let payload = try reader.optionalField("payload").flatMap {
            $0.value.isNull ? nil : try EventColumns(reading: $0)
        }
        self.init(columns: try EventColumns(reading: reader.field("columns")), payload: payload)
    }

    var json: JSONValue {
        var fields: [(String, JSONValue)] = [("columns", columns.json)]
        if let payload { fields.append(("payload", payload.json)) }
        return .fields(fields)
    }
}

extension EventColumns {
    init(reading reader: JSONReader) throws {
        if reader.value == .string("*") {
            self = .all
        } else if reader.value.arrayValue != nil {
            self = .some(try reader.array().map { try $0.string() })
        } else {
            throw reader.invalid("expected \"*\" or a list of columns")
        }
    }

    var json: JSONValue {
        switch self {
        case .all: .string("*")
        case .some(let names): .array(names.map(JSONValue.string))
        }
    }
}

extension EventRetryConfiguration {
    init(reading reader: JSONReader) throws {
        let timeout = try reader.optionalField("timeout_sec").flatMap { $0.value.isNull ? nil : try $0.int() }
        self.init(
            numberOfRetries: try reader.field("num_retries").int(),
            intervalSeconds: try reader.field("interval_sec").int(),
            timeoutSeconds: timeout)
    }

    /// `{interval_sec, num_retries, timeout_sec?}`, keys sorted as Hasura exports them.
    var json: JSONValue {
        var fields: [(String, JSONValue)] = [
            ("interval_sec", .number(String(intervalSeconds))), ("num_retries", .number(String(numberOfRetries))),
        ]
        if let timeoutSeconds { fields.append(("timeout_sec", .number(String(timeoutSeconds)))) }
        return .fields(fields)
    }
}

extension EventWebhook {
    /// `webhook` or `webhook_from_env` of an object that must have exactly one of them.
    init(reading reader: JSONReader) throws {
        let url = try reader.optionalString("webhook")
        let variable = try reader.optionalString("webhook_from_env")
        switch (url, variable) {
        case (let url?, nil): self = .url(URLTemplate(url))
        case (nil, let variable?): self = .fromEnvironment(variable)
        case (.some, .some): throw reader.invalid("only one of webhook or webhook_from_env should be given")
        case (nil, nil): throw reader.invalid("must provide webhook or webhook_from_env")
        }
    }
}
