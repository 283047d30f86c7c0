/// Statements the delivery worker runs on the event log.
///
/// Claiming sets `locked_until` (the lock expires, so an event claimed by an instance that died
/// is claimed again later); on Postgres it skips rows other instances hold (`FOR UPDATE SKIP
/// LOCKED`), so two instances never deliver one event at the same time.
public enum EventLogSQL {
    /// Seconds a claimed event stays locked before another worker may take it.
    public static let lockSeconds = 60

    /// Claims up to `limit` due events, oldest first, answering `ClaimedEvent` rows.
    public static func claim(kind: DatabaseKind, limit: Int) -> DatabaseStatement {
        let limitValue = BoundValue(.number(String(limit)), as: .int)
        switch kind {
        case .postgres:
            return DatabaseStatement(
                sql: """
                    UPDATE ministack.event_log SET locked_until = clock_timestamp() + interval '\(lockSeconds) seconds'
                    WHERE id IN (
                      SELECT id FROM ministack.event_log
                      WHERE NOT delivered AND NOT error
                        AND (next_retry_at IS NULL OR next_retry_at <= clock_timestamp())
                        AND (locked_until IS NULL OR locked_until < clock_timestamp())
                      ORDER BY seq LIMIT $1::integer FOR UPDATE SKIP LOCKED)
                    RETURNING id::text, trigger_name, schema_name, table_name, op, data::text, session_variables::text,
                      trace_context::text, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                      tries::text
                    """, bindings: [limitValue])
        case .sqlite:
            return DatabaseStatement(
                sql: """
                    UPDATE ministack_event_log
                    SET locked_until = strftime('%Y-%m-%dT%H:%M:%f', 'now', '+\(lockSeconds) seconds')
                    WHERE id IN (
                      SELECT id FROM ministack_event_log
                      WHERE delivered = 0 AND error = 0
                        AND (next_retry_at IS NULL OR next_retry_at <= strftime('%Y-%m-%dT%H:%M:%f', 'now'))
                        AND (locked_until IS NULL OR locked_until < strftime('%Y-%m-%dT%H:%M:%f', 'now'))
                      ORDER BY created_at, rowid LIMIT ?)
                    RETURNING id, trigger_name, schema_name, table_name, op, data, session_variables, trace_context,
                      created_at || 'Z', CAST(tries AS TEXT)
                    """, bindings: [limitValue])
        }
    }

    /// Writes a `MANUAL` event (`invoke_event_trigger`) and answers its id.
    public static func insertManual(
        trigger: String, table: QualifiedTableName, payload: JSONValue, sessionVariables: [String: String],
        kind: DatabaseKind
    ) -> DatabaseStatement {
        let data = JSONValue.fields([("old", .null), ("new", payload)])
        let session = JSONValue.fields(sessionVariables.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
        let values = [
            BoundValue(.string(trigger), as: .string), BoundValue(.string(table.schema), as: .string),
            BoundValue(.string(table.name), as: .string), BoundValue(.string(data.serialized), as: .string),
            BoundValue(.string(session.serialized), as: .string),
        ]
        let sql =
            kind == .postgres
            ? """
            INSERT INTO ministack.event_log (trigger_name, schema_name, table_name, op, data, session_variables)
            VALUES ($1::text, $2::text, $3::text, 'MANUAL', $4::text::json, $5::text::jsonb) RETURNING id::text
            """
            : """
            INSERT INTO ministack_event_log (id, trigger_name, schema_name, table_name, op, data, session_variables)
            VALUES (\(EventCaptureSQL.sqliteUUID), ?, ?, ?, 'MANUAL', ?, ?) RETURNING id
            """
        return DatabaseStatement(sql: sql, bindings: values)
    }

    /// Records the decision taken after an attempt on event `id`.
    public static func record(_ decision: DeliveryDecision, eventID: String, kind: DatabaseKind) -> DatabaseStatement {
        let id = BoundValue(.string(eventID), as: .uuid)
        let table = kind == .postgres ? "ministack.event_log" : "ministack_event_log"
        let placeholder = kind == .postgres ? "$1::uuid" : "?"
        let set: String
        switch decision {
        case .delivered:
            set = "delivered = \(kind == .postgres ? "true" : "1"), locked_until = NULL"
        case .giveUp:
            set = "error = \(kind == .postgres ? "true" : "1"), locked_until = NULL"
        case .retry(let seconds):
            let later =
                kind == .postgres
                ? "clock_timestamp() + interval '\(seconds) seconds'"
                : "strftime('%Y-%m-%dT%H:%M:%f', 'now', '+\(seconds) seconds')"
            set = "next_retry_at = \(later), locked_until = NULL"
        }
        return DatabaseStatement(
            sql: "UPDATE \(table) SET tries = tries + 1, \(set) WHERE id = \(placeholder)", bindings: [id])
    }

    /// Logs one attempt: its status (nil when there was no answer), the request and the response.
    public static func logInvocation(
        eventID: String, trigger: String, status: Int?, request: JSONValue, response: String, durationMS: Double,
        kind: DatabaseKind
    ) -> DatabaseStatement {
        let values: [BoundValue] = [
            BoundValue(.string(eventID), as: .uuid),
            BoundValue(.string(trigger), as: .string),
            BoundValue(status.map { .number(String($0)) } ?? .null, as: .int),
            BoundValue(request, as: .jsonb),
            BoundValue(.string(String(response.prefix(4_096))), as: .string),
            BoundValue(.number(String(durationMS)), as: .float8),
        ]
        let sql =
            kind == .postgres
            ? """
            INSERT INTO ministack.event_invocation_log (event_id, trigger_name, status, request, response, duration_ms)
            VALUES ($1::uuid, $2::text, $3::integer, $4::jsonb, $5::text, $6::double precision)
            """
            : """
            INSERT INTO ministack_event_invocation_log (event_id, trigger_name, status, request, response, duration_ms)
            VALUES (?, ?, ?, ?, ?, ?)
            """
        return DatabaseStatement(sql: sql, bindings: values)
    }
}
