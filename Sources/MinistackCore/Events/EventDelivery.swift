/// One captured event as the worker claimed it from the event log.
public struct ClaimedEvent: Sendable, Hashable {
    public var id: String
    public var triggerName: String
    public var schema: String
    public var table: String
    public var op: String
    /// `{"old": …, "new": …}` as the database trigger wrote it.
    public var data: JSONValue
    public var sessionVariables: JSONValue
    public var traceContext: JSONValue
    /// ISO 8601, UTC.
    public var createdAt: String
    /// Deliveries tried before this one.
    public var tries: Int

    public init(
        id: String, triggerName: String, schema: String, table: String, op: String, data: JSONValue,
        sessionVariables: JSONValue, traceContext: JSONValue, createdAt: String, tries: Int
    ) {
        self.id = id
        self.triggerName = triggerName
        self.schema = schema
        self.table = table
        self.op = op
        self.data = data
        self.sessionVariables = sessionVariables
        self.traceContext = traceContext
        self.createdAt = createdAt
        self.tries = tries
    }

    /// Reads a row of `EventLogSQL.claim`: id, trigger, schema, table, op, data, session,
    /// trace context, created_at, tries.
    public init?(row: [String?]) {
        guard row.count >= 10, let id = row[0], let trigger = row[1], let schema = row[2], let table = row[3],
            let op = row[4], let dataText = row[5], let data = try? JSONParser.parse(dataText),
            let createdAt = row[8], let tries = row[9].flatMap({ Int($0) })
        else { return nil }
        self.init(
            id: id, triggerName: trigger, schema: schema, table: table, op: op, data: data,
            sessionVariables: row[6].flatMap { try? JSONParser.parse($0) } ?? .null,
            traceContext: row[7].flatMap { try? JSONParser.parse($0) } ?? .null,
            createdAt: createdAt, tries: tries)
    }

    /// The body POSTed to the webhook, exactly in Hasura's shape.
    public func payload(maxRetries: Int) -> JSONValue {
        .fields([
            ("id", .string(id)), ("created_at", .string(createdAt)),
            ("table", .fields([("schema", .string(schema)), ("name", .string(table))])),
            ("trigger", .fields([("name", .string(triggerName))])),
            (
                "event",
                .fields([
                    ("op", .string(op)), ("data", data), ("session_variables", sessionVariables),
                    ("trace_context", traceContext),
                ])
            ),
            (
                "delivery_info",
                .fields([("current_retry", .number(String(tries))), ("max_retries", .number(String(maxRetries)))])
            ),
        ])
    }
}

/// What one delivery attempt came to.
public enum DeliveryAttempt: Sendable, Hashable {
    /// The webhook answered; `retryAfter` is its `Retry-After` header in seconds, if any.
    case answered(status: Int, retryAfter: Int?)
    /// No answer: refused, timed out, or the URL could not be used.
    case failed
}

/// What to do with an event after an attempt: the delivery state machine, pure.
public enum DeliveryDecision: Sendable, Hashable {
    case delivered
    /// Try again after this many seconds.
    case retry(afterSeconds: Int)
    /// Out of retries: mark the event failed.
    case giveUp

    /// A 2xx delivers. Anything else is retried after `interval_sec` (or the webhook's
    /// `Retry-After`) while `tries` (counting this attempt) has not passed `num_retries`.
    public static func after(_ attempt: DeliveryAttempt, tries: Int, retry: EventRetryConfiguration)
        -> DeliveryDecision
    {
        var retryAfter: Int?
        switch attempt {
        case .answered(let status, let header):
            if (200..<300).contains(status) { return .delivered }
            retryAfter = header
        case .failed:
            break
        }
        guard tries <= retry.numberOfRetries else { return .giveUp }
        return .retry(afterSeconds: max(0, retryAfter ?? retry.intervalSeconds))
    }
}
