/// The catalog table of asynchronous action calls, in the `default` (or first) source, and
/// the statements on it. A call is `created` when the mutation stores it, `processing` while
/// a worker holds it (locked until `locked_until`, so a call whose worker died is taken
/// again), then `completed` with the handler's output or `error` with the GraphQL error.
public enum ActionLogSQL {
    public static func catalogScript(for kind: DatabaseKind) -> String {
        switch kind {
        case .postgres:
            """
            CREATE SCHEMA IF NOT EXISTS ministack;
            CREATE TABLE IF NOT EXISTS ministack.action_log (
              id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
              action_name text NOT NULL,
              input json NOT NULL,
              session_variables jsonb NOT NULL,
              request_headers jsonb NOT NULL,
              request_query text NOT NULL,
              status text NOT NULL DEFAULT 'created',
              output json,
              errors json,
              tries integer NOT NULL DEFAULT 0,
              created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
              locked_until timestamptz
            );
            """
        case .sqlite:
            """
            CREATE TABLE IF NOT EXISTS ministack_action_log (
              id TEXT PRIMARY KEY,
              action_name TEXT NOT NULL,
              input TEXT NOT NULL,
              session_variables TEXT NOT NULL,
              request_headers TEXT NOT NULL,
              request_query TEXT NOT NULL,
              status TEXT NOT NULL DEFAULT 'created',
              output TEXT,
              errors TEXT,
              tries INTEGER NOT NULL DEFAULT 0,
              created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now')),
              locked_until TEXT
            );
            """
        }
    }

    /// Stores a call; answers its id.
    public static func insert(
        action: String, input: JSONValue, sessionVariables: [String: String], headers: [(name: String, value: String)],
        query: String, kind: DatabaseKind
    ) -> DatabaseStatement {
        let session = JSONValue.fields(sessionVariables.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
        let headerList = JSONValue.array(
            headers.map { .fields([("name", .string($0.name)), ("value", .string($0.value))]) })
        let values = [action, input.serialized, session.serialized, headerList.serialized, query].map {
            BoundValue(.string($0), as: .string)
        }
        let sql =
            kind == .postgres
            ? """
            INSERT INTO ministack.action_log (action_name, input, session_variables, request_headers, request_query)
            VALUES ($1::text, $2::text::json, $3::text::jsonb, $4::text::jsonb, $5::text) RETURNING id::text
            """
            : """
            INSERT INTO ministack_action_log (id, action_name, input, session_variables, request_headers, request_query)
            VALUES (\(EventCaptureSQL.sqliteUUID), ?, ?, ?, ?, ?) RETURNING id
            """
        return DatabaseStatement(sql: sql, bindings: values)
    }

    /// Claims up to `limit` calls to run: new ones, and ones whose worker's lock expired.
    /// Rows: id, action, input, session variables, headers, query.
    public static func claim(limit: Int, lockSeconds: Int, kind: DatabaseKind) -> DatabaseStatement {
        let limitValue = BoundValue(.number(String(limit)), as: .int)
        switch kind {
        case .postgres:
            return DatabaseStatement(
                sql: """
                    UPDATE ministack.action_log SET status = 'processing', tries = tries + 1,
                      locked_until = clock_timestamp() + interval '\(lockSeconds) seconds'
                    WHERE id IN (
                      SELECT id FROM ministack.action_log
                      WHERE status = 'created' OR (status = 'processing' AND locked_until < clock_timestamp())
                      ORDER BY created_at LIMIT $1::integer FOR UPDATE SKIP LOCKED)
                    RETURNING id::text, action_name, input::text, session_variables::text, request_headers::text,
                      request_query
                    """, bindings: [limitValue])
        case .sqlite:
            return DatabaseStatement(
                sql: """
                    UPDATE ministack_action_log SET status = 'processing', tries = tries + 1,
                      locked_until = strftime('%Y-%m-%dT%H:%M:%f', 'now', '+\(lockSeconds) seconds')
                    WHERE id IN (
                      SELECT id FROM ministack_action_log
                      WHERE status = 'created'
                        OR (status = 'processing' AND locked_until < strftime('%Y-%m-%dT%H:%M:%f', 'now'))
                      ORDER BY created_at LIMIT ?)
                    RETURNING id, action_name, input, session_variables, request_headers, request_query
                    """, bindings: [limitValue])
        }
    }

    /// Records a call's outcome: its output, or its error object.
    public static func finish(id: String, output: JSONValue?, error: JSONValue?, kind: DatabaseKind)
        -> DatabaseStatement
    {
        let values = [
            BoundValue(output.map { .string($0.serialized) } ?? .null, as: .string),
            BoundValue(error.map { .string($0.serialized) } ?? .null, as: .string),
            BoundValue(.string(id), as: .uuid),
        ]
        let sql =
            kind == .postgres
            ? """
            UPDATE ministack.action_log SET status = CASE WHEN $2::text IS NULL THEN 'completed' ELSE 'error' END,
              output = $1::text::json, errors = $2::text::json, locked_until = NULL WHERE id = $3::uuid
            """
            : """
            UPDATE ministack_action_log SET status = CASE WHEN ?2 IS NULL THEN 'completed' ELSE 'error' END,
              output = ?1, errors = ?2, locked_until = NULL WHERE id = ?3
            """
        return DatabaseStatement(sql: sql, bindings: values)
    }

    /// One call by id: id, action, status, output, errors, created_at, session variables.
    public static func result(id: String, kind: DatabaseKind) -> DatabaseStatement {
        let sql =
            kind == .postgres
            ? """
            SELECT id::text, action_name, status, output::text, errors::text,
              to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"'), session_variables::text
            FROM ministack.action_log WHERE id = $1::uuid
            """
            : """
            SELECT id, action_name, status, output, errors, created_at || '+00:00', session_variables
            FROM ministack_action_log WHERE id = ?
            """
        return DatabaseStatement(sql: sql, bindings: [BoundValue(.string(id), as: .uuid)])
    }
}
