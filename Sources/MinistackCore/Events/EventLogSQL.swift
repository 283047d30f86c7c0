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

    /// The longest response body excerpt kept in the invocation log.
    public static let responseExcerptLength = 4_096

    /// Records a batch of outcomes in two statements, whatever the batch's size: one logs every
    /// attempt, one applies every decision. Both read the outcomes from one JSON parameter.
    public static func record(_ outcomes: [DeliveryOutcome], kind: DatabaseKind) -> [DatabaseStatement] {
        let rows = BoundValue(.string(JSONValue.array(outcomes.map(\.json)).serialized), as: .string)
        switch kind {
        case .postgres:
            return [
                DatabaseStatement(
                    sql: """
                        INSERT INTO ministack.event_invocation_log
                          (event_id, trigger_name, status, request, response, duration_ms)
                        SELECT (o->>'event_id')::uuid, o->>'trigger_name', (o->>'status')::integer,
                          (o->'request')::jsonb, o->>'response', (o->>'duration_ms')::double precision
                        FROM json_array_elements($1::text::json) WITH ORDINALITY AS r(o, n)
                        WHERE (o->>'attempted')::boolean ORDER BY n
                        """, bindings: [rows]),
                DatabaseStatement(
                    sql: """
                        UPDATE ministack.event_log AS e SET tries = e.tries + 1,
                          delivered = e.delivered OR o.decision = 'delivered',
                          error = e.error OR o.decision = 'failed',
                          next_retry_at = CASE WHEN o.decision = 'retry'
                            THEN clock_timestamp() + make_interval(secs => o.after) ELSE e.next_retry_at END,
                          locked_until = NULL
                        FROM (SELECT (x->>'event_id')::uuid AS id, x->>'decision' AS decision,
                                coalesce((x->>'retry_after')::integer, 0) AS after
                              FROM json_array_elements($1::text::json) AS x) AS o
                        WHERE e.id = o.id
                        """, bindings: [rows]),
            ]
        case .sqlite:
            return [
                DatabaseStatement(
                    sql: """
                        INSERT INTO ministack_event_invocation_log
                          (event_id, trigger_name, status, request, response, duration_ms)
                        SELECT value->>'event_id', value->>'trigger_name', value->>'status', value->>'request',
                          value->>'response', value->>'duration_ms'
                        FROM json_each(?) WHERE value->>'attempted' ORDER BY key
                        """, bindings: [rows]),
                DatabaseStatement(
                    sql: """
                        UPDATE ministack_event_log SET tries = tries + 1,
                          delivered = delivered OR o.decision = 'delivered',
                          error = error OR o.decision = 'failed',
                          next_retry_at = CASE WHEN o.decision = 'retry'
                            THEN strftime('%Y-%m-%dT%H:%M:%f', 'now', '+' || o.after || ' seconds')
                            ELSE next_retry_at END,
                          locked_until = NULL
                        FROM (SELECT value->>'event_id' AS id, value->>'decision' AS decision,
                                coalesce(value->>'retry_after', 0) AS after FROM json_each(?)) AS o
                        WHERE ministack_event_log.id = o.id
                        """, bindings: [rows]),
            ]
        }
    }
}
