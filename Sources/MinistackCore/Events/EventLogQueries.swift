/// Statements behind the event-log calls of the metadata API (`pg_get_event_logs`,
/// `pg_get_event_invocation_logs`, `pg_get_event_by_id`, `pg_redeliver_event`,
/// `cleanup_event_trigger_logs`) and the scheduled clean-up.
///
/// Listing statements answer one column per row: the entry as a JSON object in Hasura's
/// shape (`id, schema_name, table_name, trigger_name, payload, delivered, error, tries,
/// created_at, locked, next_retry_at, archived` for events; `id, trigger_name, event_id,
/// status, request, response, created_at` for invocations).
public enum EventLogQueries {
    /// Which events `pg_get_event_logs` lists.
    public enum Status: String, Sendable {
        /// Neither delivered nor failed yet.
        case pending
        /// Delivered, or failed for good.
        case processed
    }

    /// Where a listing is read from, and which rows it takes.
    public struct Page: Sendable, Hashable {
        public var limit: Int
        public var offset: Int

        public init(limit: Int = 100, offset: Int = 0) {
            self.limit = limit
            self.offset = offset
        }
    }

    /// A trigger's events, newest first.
    public static func events(trigger: String, status: Status?, page: Page, kind: DatabaseKind) -> DatabaseStatement {
        let (log, _) = tables(kind)
        var conditions = ["trigger_name = \(placeholder(1, kind))"]
        switch status {
        case .pending?:
            conditions.append(kind == .postgres ? "NOT delivered AND NOT error" : "delivered = 0 AND error = 0")
        case .processed?: conditions.append(kind == .postgres ? "(delivered OR error)" : "(delivered = 1 OR error = 1)")
        case nil: break
        }
        let order = kind == .postgres ? "seq DESC" : "created_at DESC, rowid DESC"
        return DatabaseStatement(
            sql: "SELECT \(eventJSON(kind)) FROM \(log) WHERE \(conditions.joined(separator: " AND ")) "
                + "ORDER BY \(order) LIMIT \(placeholder(2, kind, as: "integer")) OFFSET \(placeholder(3, kind, as: "integer"))",
            bindings: [text(trigger), number(page.limit), number(page.offset)])
    }

    /// One event by id (no row when there is none).
    public static func event(id: String, kind: DatabaseKind) -> DatabaseStatement {
        let (log, _) = tables(kind)
        return DatabaseStatement(
            sql: "SELECT \(eventJSON(kind)) FROM \(log) WHERE id = \(placeholder(1, kind, as: "uuid"))",
            bindings: [BoundValue(.string(id), as: .uuid)])
    }

    /// Invocations of a trigger, or of one event, newest first.
    public static func invocations(trigger: String? = nil, eventID: String? = nil, page: Page, kind: DatabaseKind)
        -> DatabaseStatement
    {
        let (_, invocations) = tables(kind)
        let condition =
            eventID != nil
            ? "event_id = \(placeholder(1, kind, as: "uuid"))" : "trigger_name = \(placeholder(1, kind))"
        let key = eventID.map { BoundValue(.string($0), as: .uuid) } ?? text(trigger ?? "")
        let json =
            kind == .postgres
            ? """
            json_build_object('id', id::text, 'trigger_name', trigger_name, 'event_id', event_id, 'status', status,
              'request', request, 'response', response, 'duration_ms', duration_ms,
              'created_at', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text
            """
            : """
            json_object('id', CAST(id AS TEXT), 'trigger_name', trigger_name, 'event_id', event_id, 'status', status,
              'request', json(request), 'response', response, 'duration_ms', duration_ms, 'created_at', created_at || 'Z')
            """
        return DatabaseStatement(
            sql: "SELECT \(json) FROM \(invocations) WHERE \(condition) ORDER BY id DESC "
                + "LIMIT \(placeholder(2, kind, as: "integer")) OFFSET \(placeholder(3, kind, as: "integer"))",
            bindings: [key, number(page.limit), number(page.offset)])
    }

    /// Whether event `id` is locked by a worker right now: one row (`true`/`false`, `1`/`0`)
    /// when the event exists.
    public static func lockState(id: String, kind: DatabaseKind) -> DatabaseStatement {
        let (log, _) = tables(kind)
        let locked =
            kind == .postgres
            ? "(locked_until IS NOT NULL AND locked_until > clock_timestamp())::text"
            : "CAST(locked_until IS NOT NULL AND locked_until > strftime('%Y-%m-%dT%H:%M:%f', 'now') AS TEXT)"
        return DatabaseStatement(
            sql: "SELECT \(locked) FROM \(log) WHERE id = \(placeholder(1, kind, as: "uuid"))",
            bindings: [BoundValue(.string(id), as: .uuid)])
    }

    /// Makes event `id` due again with its retry count reset (`pg_redeliver_event`).
    public static func redeliver(id: String, kind: DatabaseKind) -> DatabaseStatement {
        let (log, _) = tables(kind)
        let no = kind == .postgres ? "false" : "0"
        return DatabaseStatement(
            sql: """
                UPDATE \(log) SET delivered = \(no), error = \(no), tries = 0, next_retry_at = NULL, locked_until = NULL
                WHERE id = \(placeholder(1, kind, as: "uuid"))
                """, bindings: [BoundValue(.string(id), as: .uuid)])
    }

    /// One batch of a clean-up: deletes up to `batchSize` of the trigger's processed events
    /// older than `olderThanHours` (and first, when asked, their invocation logs). The last
    /// statement answers one row per deleted event, so the caller repeats while batches are full.
    public static func cleanUp(
        trigger: String, olderThanHours: Int, batchSize: Int, invocationLogs: Bool, kind: DatabaseKind
    ) -> [DatabaseStatement] {
        let (log, invocations) = tables(kind)
        let old =
            kind == .postgres
            ? """
            SELECT id FROM \(log) WHERE trigger_name = $1::text AND (delivered OR error)
              AND created_at < clock_timestamp() - make_interval(hours => $2::integer) ORDER BY seq LIMIT $3::integer
            """
            : """
            SELECT id FROM \(log) WHERE trigger_name = ? AND (delivered = 1 OR error = 1)
              AND created_at < strftime('%Y-%m-%dT%H:%M:%f', 'now', '-' || ? || ' hours') ORDER BY created_at LIMIT ?
            """
        let bindings = [text(trigger), number(olderThanHours), number(batchSize)]
        var statements: [DatabaseStatement] = []
        if invocationLogs {
            statements.append(
                DatabaseStatement(sql: "DELETE FROM \(invocations) WHERE event_id IN (\(old))", bindings: bindings))
        }
        let returning = kind == .postgres ? "id::text" : "id"
        statements.append(
            DatabaseStatement(
                sql: "DELETE FROM \(log) WHERE id IN (\(old)) RETURNING \(returning)", bindings: bindings))
        return statements
    }

    static func eventJSON(_ kind: DatabaseKind) -> String {
        switch kind {
        case .postgres:
            """
            json_build_object('id', id, 'schema_name', schema_name, 'table_name', table_name,
              'trigger_name', trigger_name,
              'payload', json_build_object('op', op, 'data', data, 'session_variables', session_variables,
                'trace_context', trace_context),
              'delivered', delivered, 'error', error, 'tries', tries,
              'created_at', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
              'locked', to_char(locked_until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
              'next_retry_at', to_char(next_retry_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
              'archived', false)::text
            """
        case .sqlite:
            """
            json_object('id', id, 'schema_name', schema_name, 'table_name', table_name, 'trigger_name', trigger_name,
              'payload', json_object('op', op, 'data', json(data), 'session_variables', json(session_variables),
                'trace_context', json(trace_context)),
              'delivered', json(CASE WHEN delivered THEN 'true' ELSE 'false' END),
              'error', json(CASE WHEN error THEN 'true' ELSE 'false' END), 'tries', tries,
              'created_at', created_at || 'Z', 'locked', locked_until || 'Z', 'next_retry_at', next_retry_at || 'Z',
              'archived', json('false'))
            """
        }
    }

    static func tables(_ kind: DatabaseKind) -> (log: String, invocations: String) {
        kind == .postgres
            ? ("ministack.event_log", "ministack.event_invocation_log")
            : ("ministack_event_log", "ministack_event_invocation_log")
    }

    static func placeholder(_ index: Int, _ kind: DatabaseKind, as type: String = "text") -> String {
        kind == .postgres ? "$\(index)::\(type)" : "?"
    }

    static func text(_ value: String) -> BoundValue { BoundValue(.string(value), as: .string) }
    static func number(_ value: Int) -> BoundValue { BoundValue(.number(String(value)), as: .int) }
}
