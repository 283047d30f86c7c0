/// The metadata calls that read or change the event log rather than the metadata:
/// `*_invoke_event_trigger`, `*_redeliver_event`, `*_get_event_logs`,
/// `*_get_event_invocation_logs`, `*_get_event_by_id` and `cleanup_event_trigger_logs`.
public enum EventLogCall: Sendable {
    case invoke(MetadataOperations.ManualInvocation)
    case redeliver(source: String, eventID: String)
    case events(source: String, trigger: String, status: EventLogQueries.Status?, page: EventLogQueries.Page)
    case invocations(source: String, trigger: String, page: EventLogQueries.Page)
    case event(source: String, eventID: String, invocations: EventLogQueries.Page)
    case cleanUp(
        source: String, trigger: String, olderThanHours: Int, batchSize: Int, invocationLogs: Bool,
        timeoutSeconds: Int)

    /// The source whose database the call runs on.
    public var source: String {
        switch self {
        case .invoke(let invocation): invocation.source
        case .redeliver(let source, _), .events(let source, _, _, _), .invocations(let source, _, _),
            .event(let source, _, _), .cleanUp(let source, _, _, _, _, _):
            source
        }
    }
}

extension MetadataOperations {
    /// The event-log call `type` names (with or without its `pg_`/`sqlite_` prefix), its
    /// arguments checked against the metadata; nil when `type` is not one of them.
    public static func eventLogCall(type: String, arguments: JSONValue, in metadata: Metadata) throws(HasuraError)
        -> EventLogCall?
    {
        let name = ["pg_", "sqlite_"].first(where: type.hasPrefix).map { String(type.dropFirst($0.count)) } ?? type
        let reader = Arguments(value: arguments)
        switch name {
        case "invoke_event_trigger":
            return .invoke(try invokeEventTrigger(arguments: arguments, in: metadata))
        case "redeliver_event":
            let source = metadata.sources[try reader.sourceIndex(in: metadata)].name
            return .redeliver(source: source, eventID: try reader.uuid("event_id"))
        case "get_event_logs":
            let (source, trigger) = try reader.trigger("name", in: metadata)
            let status: EventLogQueries.Status?
            switch try reader.optionalString("status") {
            case nil: status = nil
            case let text?:
                guard let known = EventLogQueries.Status(rawValue: text) else {
                    throw HasuraError(
                        .parseFailed, "status can only be one of pending or processed", path: "$.args.status")
                }
                status = known
            }
            return .events(source: source, trigger: trigger, status: status, page: try reader.page("limit", "offset"))
        case "get_event_invocation_logs":
            let (source, trigger) = try reader.trigger("name", in: metadata)
            return .invocations(source: source, trigger: trigger, page: try reader.page("limit", "offset"))
        case "get_event_by_id":
            let source = metadata.sources[try reader.sourceIndex(in: metadata)].name
            return .event(
                source: source, eventID: try reader.uuid("event_id"),
                invocations: try reader.page("invocation_log_limit", "invocation_log_offset"))
        case "cleanup_event_trigger_logs":
            let (source, trigger) = try reader.trigger("event_trigger_name", in: metadata)
            guard let hours = try reader.optionalInt("clear_older_than") else {
                throw HasuraError(.parseFailed, "key \"clear_older_than\" not found", path: "$.args")
            }
            return .cleanUp(
                source: source, trigger: trigger, olderThanHours: hours,
                batchSize: try reader.optionalInt("batch_size") ?? 10_000,
                invocationLogs: try reader.bool("clean_invocation_logs", default: false),
                timeoutSeconds: try reader.optionalInt("timeout") ?? 60)
        default:
            return nil
        }
    }
}

extension MetadataOperations.Arguments {
    /// The source and name of the existing trigger named by `key`.
    func trigger(_ key: String, in metadata: Metadata) throws(HasuraError) -> (source: String, trigger: String) {
        let source = metadata.sources[try sourceIndex(in: metadata)]
        let name = try string(key)
        _ = try MetadataOperations.eventTrigger(named: name, in: source)
        return (source.name, name)
    }

    func optionalInt(_ key: String) throws(HasuraError) -> Int? {
        guard let field = value[key], !field.isNull else { return nil }
        guard let number = field.intValue, number >= 0 else {
            throw HasuraError(.parseFailed, "expected a non-negative integer", path: "$.args.\(key)")
        }
        return number
    }

    func page(_ limitKey: String, _ offsetKey: String) throws(HasuraError) -> EventLogQueries.Page {
        EventLogQueries.Page(limit: try optionalInt(limitKey) ?? 100, offset: try optionalInt(offsetKey) ?? 0)
    }

    /// An event id: a UUID, checked here so a malformed one is a parse error, not a database error.
    func uuid(_ key: String) throws(HasuraError) -> String {
        let text = try string(key)
        let hex = text.unicodeScalars.filter { $0 != "-" }
        guard text.count == 36, hex.count == 32, hex.allSatisfy(\.properties.isASCIIHexDigit) else {
            throw HasuraError(.parseFailed, "invalid uuid: \"\(text)\"", path: "$.args.\(key)")
        }
        return text.lowercased()
    }
}
