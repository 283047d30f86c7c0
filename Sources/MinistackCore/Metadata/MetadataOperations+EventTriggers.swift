/// `pg_create_event_trigger` and `pg_delete_event_trigger` (and their `sqlite_` twins), with
/// Hasura's errors; triggers are stored in the table's `event_triggers` as Hasura exports them.
extension MetadataOperations {
    /// Hasura's limit: `notify_hasura_<name>_INSERT` must fit in a Postgres identifier.
    static let maximumTriggerNameLength = 42

    static func applyEventTriggerCall(
        _ operation: String, arguments: JSONValue, to metadata: Metadata, model: Model?
    ) throws(HasuraError) -> Metadata {
        let reader = Arguments(value: arguments)
        var metadata = metadata
        let sourceIndex = try reader.sourceIndex(in: metadata)
        let source = metadata.sources[sourceIndex]
        if operation == "delete_event_trigger" {
            let name = try reader.string("name")
            let (tableIndex, _) = try eventTrigger(named: name, in: source)
            metadata.sources[sourceIndex].tables[tableIndex].eventTriggers.removeAll { $0.name == name }
            return metadata
        }

        let trigger = try reader.eventTrigger()
        let table = try reader.table(defaultSchema: source.defaultSchema)
        let replace = try reader.bool("replace", default: false)
        guard let tableIndex = source.tables.firstIndex(where: { $0.table == table }) else {
            throw HasuraError(.notExists, "table \"\(table.name)\" is not tracked", path: "$.args.table")
        }
        let existing = source.tables.indices.first { index in
            source.tables[index].eventTriggers.contains { $0.name == trigger.name }
        }
        if replace {
            guard let existing else {
                throw HasuraError(.notExists, "event trigger \"\(trigger.name)\" does not exist", path: "$.args")
            }
            guard existing == tableIndex else {
                throw HasuraError(.notSupported, "cannot replace table or schema for trigger", path: "$.args")
            }
        } else if existing != nil {
            throw HasuraError(
                .alreadyExists, "Event trigger with name \"\(trigger.name)\" already exists", path: "$.args")
        }
        if let resolved = model?.table(TableKey(source: source.name, name: table)),
            let missing = trigger.columns.first(where: { resolved.column(named: $0) == nil })
        {
            throw HasuraError(.notExists, "column \"\(missing)\" does not exist", path: "$.args")
        }
        var triggers = source.tables[tableIndex].eventTriggers
        if let position = triggers.firstIndex(where: { $0.name == trigger.name }) {
            triggers[position] = trigger
        } else {
            triggers.append(trigger)
        }
        metadata.sources[sourceIndex].tables[tableIndex].eventTriggers = triggers
        return metadata
    }

    /// The table (its index in `source.tables`) and trigger called `name`, or Hasura's not-exists error.
    public static func eventTrigger(named name: String, in source: SourceMetadata) throws(HasuraError) -> (
        Int, EventTriggerMetadata
    ) {
        for (index, table) in source.tables.enumerated() {
            if let trigger = table.eventTriggers.first(where: { $0.name == name }) { return (index, trigger) }
        }
        throw HasuraError(.notExists, "event trigger \"\(name)\" does not exist", path: "$.args")
    }
}

extension MetadataOperations.Arguments {
    /// The trigger `pg_create_event_trigger`'s arguments describe, checked in Hasura's order.
    func eventTrigger() throws(HasuraError) -> EventTriggerMetadata {
        let name = try string("name")
        func fail(_ message: String) -> HasuraError { HasuraError(.parseFailed, message, path: "$.args") }
        let insert = try parse(nil) { try EventOperationSpec(reading: $0.optionalField("insert")) }
        let update = try parse(nil) { try EventOperationSpec(reading: $0.optionalField("update")) }
        let delete = try parse(nil) { try EventOperationSpec(reading: $0.optionalField("delete")) }
        let enableManual = try bool("enable_manual", default: false)
        let retry = try parse(nil) { reader in
            try reader.optionalField("retry_conf").flatMap {
                $0.value.isNull ? nil : try EventRetryConfiguration(reading: $0)
            }
        }
        let headers = try parse(nil) { try HeaderConfiguration.list($0.optionalField("headers")) }
        let cleanup = try parse(nil) { reader in
            try reader.optionalField("cleanup_config").flatMap {
                $0.value.isNull ? nil : try EventCleanupConfiguration(reading: $0)
            }
        }
        guard Self.isValidTriggerName(name) else {
            throw fail("only alphanumeric and underscore and hyphens allowed for name")
        }
        guard name.count <= MetadataOperations.maximumTriggerNameLength else {
            throw fail("event trigger name can be at most 42 characters")
        }
        guard insert != nil || update != nil || delete != nil || enableManual else {
            throw fail("atleast one amongst insert/update/delete/enable_manual spec must be provided")
        }
        let webhook = try parse(nil) { try EventWebhook(reading: $0) }
        for spec in [insert, update, delete].compactMap({ $0 }) {
            if case .some(let columns) = spec.columns, columns.isEmpty {
                throw fail("found empty column specification")
            }
            if case .some(let columns)? = spec.payload, columns.isEmpty {
                throw fail("found empty payload specification")
            }
        }
        let extra = ["request_transform", "response_transform", "cleanup_config"].compactMap { key in
            value[key].flatMap { $0.isNull ? nil : (key, $0) }
        }
        return EventTriggerMetadata(
            name: name,
            operations: EventTriggerOperations(
                insert: insert, update: update, delete: delete, enableManual: enableManual),
            retry: retry ?? EventRetryConfiguration(), webhook: webhook, headers: headers, cleanup: cleanup,
            extra: extra)
    }

    /// `^[A-Za-z]+[A-Za-z0-9_\-]*$`, Hasura's rule for trigger names.
    static func isValidTriggerName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}

extension MetadataOperations {
    /// A checked `pg_invoke_event_trigger` call: which event to write to the event log.
    public struct ManualInvocation: Sendable {
        public var source: String
        public var table: QualifiedTableName
        public var trigger: String
        /// The event's `data.new`.
        public var payload: JSONValue
    }

    /// `pg_invoke_event_trigger`: checks the call as Hasura does (the trigger exists, manual
    /// mode is on, a payload is given); the engine then writes a `MANUAL` event.
    public static func invokeEventTrigger(arguments: JSONValue, in metadata: Metadata) throws(HasuraError)
        -> ManualInvocation
    {
        let reader = Arguments(value: arguments)
        let name = try reader.string("name")
        let source = metadata.sources[try reader.sourceIndex(in: metadata)]
        guard let payload = arguments["payload"] else {
            throw HasuraError(.parseFailed, "key \"payload\" not found", path: "$.args")
        }
        let (tableIndex, trigger) = try eventTrigger(named: name, in: source)
        guard trigger.operations.enableManual else {
            throw HasuraError(.notSupported, "manual mode is not enabled for event trigger", path: "$.args")
        }
        return ManualInvocation(
            source: source.name, table: source.tables[tableIndex].table, trigger: name, payload: payload)
    }
}
