/// An event trigger on a table, as the table's `event_triggers` entry declares it: which
/// operations fire it, where to deliver, with which headers and retries.
///
/// The entry is kept as written in `raw` (the table file is exported as written); the typed
/// fields are what the resolver checks and what the delivery worker will use.
///
/// ```yaml
/// event_triggers:
///   - name: article_created
///     definition: {enable_manual: true, insert: {columns: "*"}}
///     retry_conf: {interval_sec: 10, num_retries: 3, timeout_sec: 60}
///     webhook: "{{ARTICLE_WEBHOOK}}/created"
/// ```
public struct EventTriggerMetadata: Sendable, Hashable {
    public var name: String
    public var operations: EventTriggerOperations
    public var retry: EventRetryConfiguration
    public var webhook: EventWebhook
    public var headers: [HeaderConfiguration]
    /// `cleanup_config`: when old events of this trigger are deleted (never when absent).
    public var cleanup: EventCleanupConfiguration?
    /// The entry as written.
    public var raw: JSONValue

    public init(
        name: String, operations: EventTriggerOperations, retry: EventRetryConfiguration = EventRetryConfiguration(),
        webhook: EventWebhook, headers: [HeaderConfiguration] = [], cleanup: EventCleanupConfiguration? = nil,
        raw: JSONValue
    ) {
        self.name = name
        self.operations = operations
        self.retry = retry
        self.webhook = webhook
        self.headers = headers
        self.cleanup = cleanup
        self.raw = raw
    }

    /// Every column the trigger names (listened to or sent), in order, without repeats.
    public var columns: [String] {
        var seen: Set<String> = []
        return [operations.insert, operations.update, operations.delete].compactMap { $0 }
            .flatMap { $0.columns.names + ($0.payload?.names ?? []) }
            .filter { seen.insert($0).inserted }
    }
}

/// The operations that fire a trigger (`definition`).
public struct EventTriggerOperations: Sendable, Hashable {
    public var insert: EventOperationSpec?
    public var update: EventOperationSpec?
    public var delete: EventOperationSpec?
    /// Whether the console (or `invoke_event_trigger`) may fire it by hand.
    public var enableManual: Bool

    public init(
        insert: EventOperationSpec? = nil, update: EventOperationSpec? = nil, delete: EventOperationSpec? = nil,
        enableManual: Bool = false
    ) {
        self.insert = insert
        self.update = update
        self.delete = delete
        self.enableManual = enableManual
    }
}

/// One operation's columns: for updates the columns whose change fires the trigger; `payload`
/// limits the columns sent (all when absent).
public struct EventOperationSpec: Sendable, Hashable {
    public var columns: EventColumns
    public var payload: EventColumns?

    public init(columns: EventColumns, payload: EventColumns? = nil) {
        self.columns = columns
        self.payload = payload
    }
}

/// `"*"` or a list of column names.
public enum EventColumns: Sendable, Hashable {
    case all
    case some([String])

    public var names: [String] {
        if case .some(let names) = self { return names }
        return []
    }
}

/// `retry_conf`: how often and how patiently a failed delivery is retried.
public struct EventRetryConfiguration: Sendable, Hashable {
    public var numberOfRetries: Int
    public var intervalSeconds: Int
    /// Seconds to wait for the webhook; Hasura's default is 60.
    public var timeoutSeconds: Int?

    public init(numberOfRetries: Int = 0, intervalSeconds: Int = 10, timeoutSeconds: Int? = 60) {
        self.numberOfRetries = numberOfRetries
        self.intervalSeconds = intervalSeconds
        self.timeoutSeconds = timeoutSeconds
    }
}

/// Where events are delivered: a URL (with `{{ENV}}` placeholders) or an environment variable.
public enum EventWebhook: Sendable, Hashable {
    case url(URLTemplate)
    case fromEnvironment(String)
}
