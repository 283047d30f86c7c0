/// One delivery attempt, ready to be recorded: the invocation log entry and the decision taken.
public struct DeliveryOutcome: Sendable, Hashable {
    public var eventID: String
    public var triggerName: String
    /// The webhook's status, or nil when there was no answer.
    public var status: Int?
    /// The payload POSTed.
    public var request: JSONValue
    /// The response body, or why there was none.
    public var response: String
    public var durationMS: Double
    public var decision: DeliveryDecision

    public init(
        eventID: String, triggerName: String, status: Int?, request: JSONValue, response: String,
        durationMS: Double, decision: DeliveryDecision
    ) {
        self.eventID = eventID
        self.triggerName = triggerName
        self.status = status
        self.request = request
        self.response = response
        self.durationMS = durationMS
        self.decision = decision
    }

    /// An outcome with no attempt: the event's trigger no longer exists, so it is failed
    /// without calling anything (and nothing is logged as an invocation).
    public static func orphaned(eventID: String, triggerName: String) -> DeliveryOutcome {
        DeliveryOutcome(
            eventID: eventID, triggerName: triggerName, status: nil, request: .null, response: "",
            durationMS: 0, decision: .giveUp)
    }

    var isAttempt: Bool { request != .null }

    /// The row `EventLogSQL.record` reads: the attempt's log entry (when there was an attempt)
    /// and the decision (`delivered`, `retry` with `retry_after` seconds, or `failed`).
    var json: JSONValue {
        var fields: [(String, JSONValue)] = [
            ("event_id", .string(eventID)), ("trigger_name", .string(triggerName)),
            ("attempted", .bool(isAttempt)),
            ("status", status.map { .number(String($0)) } ?? .null), ("request", request),
            ("response", .string(String(response.prefix(EventLogSQL.responseExcerptLength)))),
            ("duration_ms", .number(String(durationMS))),
        ]
        switch decision {
        case .delivered: fields.append(("decision", .string("delivered")))
        case .giveUp: fields.append(("decision", .string("failed")))
        case .retry(let seconds):
            fields += [("decision", .string("retry")), ("retry_after", .number(String(seconds)))]
        }
        return .fields(fields)
    }
}
