import Foundation

/// The SQL that captures writes for event triggers, inside the database, in the writing
/// transaction: an event log table in ministack's catalog and one database trigger per event
/// trigger, so writes from any client are captured and a rolled-back write never is.
///
/// Postgres: `ministack.event_log`, and per trigger a PL/pgSQL function
/// `ministack."event_<name>"()` run by `ministack_<name>` (`AFTER INSERT OR UPDATE OR DELETE`),
/// which also `pg_notify`s `ministack_events` so the worker wakes at once. Session variables
/// come from the transaction-local setting `ministack.session_variables`.
///
/// SQLite: `ministack_event_log`, and per trigger and operation an `AFTER` trigger
/// `ministack_<name>_<op>`. Session variables come from the one row of
/// `ministack_event_session`, which ministack writes at the start of its transactions and
/// deletes before they commit. The trigger bodies use only SQLite's built-in functions, so
/// other clients (the `sqlite3` shell) can still write.
public enum EventCaptureSQL {
    /// The prefix of every database trigger ministack owns.
    public static let triggerPrefix = "ministack_"
    /// The `pg_notify` channel.
    public static let channel = "ministack_events"

    /// Creates the event log (and on SQLite the session table) if missing.
    public static func catalogScript(for kind: DatabaseKind) -> String {
        switch kind {
        case .postgres:
            """
            CREATE SCHEMA IF NOT EXISTS ministack;
            CREATE TABLE IF NOT EXISTS ministack.event_log (
              id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
              seq bigserial NOT NULL,
              trigger_name text NOT NULL,
              schema_name text NOT NULL,
              table_name text NOT NULL,
              op text NOT NULL,
              data json NOT NULL,
              session_variables jsonb,
              trace_context jsonb,
              created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
              delivered boolean NOT NULL DEFAULT false,
              error boolean NOT NULL DEFAULT false,
              tries integer NOT NULL DEFAULT 0,
              next_retry_at timestamptz,
              locked_until timestamptz
            );
            CREATE INDEX IF NOT EXISTS event_log_pending ON ministack.event_log (seq)
              WHERE NOT delivered AND NOT error;
            CREATE TABLE IF NOT EXISTS ministack.event_invocation_log (
              id bigserial PRIMARY KEY,
              event_id uuid NOT NULL,
              trigger_name text NOT NULL,
              status integer,
              request jsonb NOT NULL,
              response text,
              duration_ms double precision NOT NULL,
              created_at timestamptz NOT NULL DEFAULT clock_timestamp()
            );
            """
        case .sqlite:
            """
            CREATE TABLE IF NOT EXISTS ministack_event_log (
              id TEXT PRIMARY KEY,
              trigger_name TEXT NOT NULL,
              schema_name TEXT NOT NULL,
              table_name TEXT NOT NULL,
              op TEXT NOT NULL,
              data TEXT NOT NULL,
              session_variables TEXT,
              trace_context TEXT,
              created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now')),
              delivered INTEGER NOT NULL DEFAULT 0,
              error INTEGER NOT NULL DEFAULT 0,
              tries INTEGER NOT NULL DEFAULT 0,
              next_retry_at TEXT,
              locked_until TEXT
            );
            CREATE INDEX IF NOT EXISTS ministack_event_log_pending ON ministack_event_log (created_at)
              WHERE delivered = 0 AND error = 0;
            CREATE TABLE IF NOT EXISTS ministack_event_invocation_log (
              id INTEGER PRIMARY KEY,
              event_id TEXT NOT NULL,
              trigger_name TEXT NOT NULL,
              status INTEGER,
              request TEXT NOT NULL,
              response TEXT,
              duration_ms REAL NOT NULL,
              created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now'))
            );
            CREATE TABLE IF NOT EXISTS ministack_event_session (
              id INTEGER PRIMARY KEY CHECK (id = 1),
              variables TEXT
            );
            """
        }
    }

    /// Statements that make a transaction's writes carry the request's session variables into
    /// captured events: one to run first, and on SQLite one to run last (before the commit).
    public static func sessionStatements(for kind: DatabaseKind, variables: [String: String]) -> (
        first: DatabaseStatement, last: DatabaseStatement?
    ) {
        let json = JSONValue.fields(variables.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
        let value = BoundValue(.string(json.serialized), as: .string)
        switch kind {
        case .postgres:
            return (
                DatabaseStatement(
                    sql: "SELECT set_config('ministack.session_variables', $1::text, true)", bindings: [value]),
                nil
            )
        case .sqlite:
            return (
                DatabaseStatement(
                    sql: "INSERT OR REPLACE INTO ministack_event_session (id, variables) VALUES (1, ?)",
                    bindings: [value]),
                DatabaseStatement(sql: "DELETE FROM ministack_event_session")
            )
        }
    }

    /// Lists the database triggers ministack owns: one row per trigger, its name then its table.
    public static func installedTriggersQuery(for kind: DatabaseKind) -> String {
        switch kind {
        case .postgres:
            """
            SELECT t.tgname, n.nspname || '.' || c.relname FROM pg_trigger t
            JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE NOT t.tgisinternal AND t.tgname LIKE 'ministack\\_%'
            ORDER BY 1
            """
        case .sqlite:
            "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'ministack\\_%' ESCAPE '\\' ORDER BY 1"
        }
    }

    /// The database trigger names one event trigger installs.
    public static func triggerNames(_ trigger: EventTriggerMetadata, kind: DatabaseKind) -> [String] {
        switch kind {
        case .postgres: [triggerPrefix + trigger.name]
        case .sqlite:
            [
                ("insert", trigger.operations.insert), ("update", trigger.operations.update),
                ("delete", trigger.operations.delete),
            ]
            .compactMap { $0.1 == nil ? nil : triggerPrefix + trigger.name + "_" + $0.0 }
        }
    }

    /// Drops a database trigger ministack installed (by the name `installedTriggersQuery` listed).
    public static func dropScript(triggerName: String, table: String, kind: DatabaseKind) -> String {
        switch kind {
        case .postgres:
            let parts = table.split(separator: ".", maxSplits: 1).map(String.init)
            let name = QualifiedTableName(schema: parts[0], name: parts.count > 1 ? parts[1] : "")
            return """
                DROP TRIGGER IF EXISTS \(quote(triggerName)) ON \(qualified(name, kind));
                DROP FUNCTION IF EXISTS ministack.\(quote("event_" + triggerName.dropFirst(triggerPrefix.count)))();
                """
        case .sqlite:
            return "DROP TRIGGER IF EXISTS \(quote(triggerName));"
        }
    }

    /// Creates (or replaces) the database objects of one event trigger on `table`.
    public static func installScript(_ trigger: EventTriggerMetadata, table: ResolvedTable, kind: DatabaseKind)
        -> String
    {
        switch kind {
        case .postgres: postgresInstallScript(trigger, table: table)
        case .sqlite: sqliteInstallScript(trigger, table: table)
        }
    }

    // MARK: Postgres

    static func postgresInstallScript(_ trigger: EventTriggerMetadata, table: ResolvedTable) -> String {
        let kind = DatabaseKind.postgres
        let function = "ministack." + quote("event_" + trigger.name)
        let name = literal(trigger.name)
        func row(_ record: String, _ spec: EventOperationSpec?) -> String {
            guard case .some(let columns)? = spec?.payload else { return "row_to_json(\(record))" }
            let pairs = columns.map { "\(literal($0)), \(record).\(quote($0))" }
            return "json_build_object(\(pairs.joined(separator: ", ")))"
        }
        var branches: [String] = []
        if let insert = trigger.operations.insert {
            branches.append(
                """
                IF TG_OP = 'INSERT' THEN
                    INSERT INTO ministack.event_log (trigger_name, schema_name, table_name, op, data, session_variables)
                    VALUES (\(name), TG_TABLE_SCHEMA, TG_TABLE_NAME, 'INSERT',
                      json_build_object('old', NULL, 'new', \(row("NEW", insert))), session);
                  END IF;
                """)
        }
        if let update = trigger.operations.update {
            let changed: String
            switch update.columns {
            case .all: changed = "OLD IS DISTINCT FROM NEW"
            case .some(let columns):
                changed =
                    columns.isEmpty
                    ? "false"
                    : columns.map { "OLD.\(quote($0)) IS DISTINCT FROM NEW.\(quote($0))" }
                        .joined(separator: " OR ")
            }
            branches.append(
                """
                IF TG_OP = 'UPDATE' AND (\(changed)) THEN
                    INSERT INTO ministack.event_log (trigger_name, schema_name, table_name, op, data, session_variables)
                    VALUES (\(name), TG_TABLE_SCHEMA, TG_TABLE_NAME, 'UPDATE',
                      json_build_object('old', \(row("OLD", update)), 'new', \(row("NEW", update))), session);
                  END IF;
                """)
        }
        if let delete = trigger.operations.delete {
            branches.append(
                """
                IF TG_OP = 'DELETE' THEN
                    INSERT INTO ministack.event_log (trigger_name, schema_name, table_name, op, data, session_variables)
                    VALUES (\(name), TG_TABLE_SCHEMA, TG_TABLE_NAME, 'DELETE',
                      json_build_object('old', \(row("OLD", delete)), 'new', NULL), session);
                  END IF;
                """)
        }
        let events = [
            trigger.operations.insert == nil ? nil : "INSERT", trigger.operations.update == nil ? nil : "UPDATE",
            trigger.operations.delete == nil ? nil : "DELETE",
        ].compactMap { $0 }
        let triggerName = quote(triggerPrefix + trigger.name)
        let target = qualified(table.key.name, kind)
        var script = """
            CREATE OR REPLACE FUNCTION \(function)() RETURNS trigger LANGUAGE plpgsql AS $ministack$
            DECLARE
              session jsonb := nullif(current_setting('ministack.session_variables', true), '')::jsonb;
            BEGIN
              \(branches.joined(separator: "\n  "))
              PERFORM pg_notify('\(channel)', \(name));
              RETURN NULL;
            END
            $ministack$;
            DROP TRIGGER IF EXISTS \(triggerName) ON \(target);

            """
        if !events.isEmpty {
            script += """
                CREATE TRIGGER \(triggerName) AFTER \(events.joined(separator: " OR ")) ON \(target)
                  FOR EACH ROW EXECUTE FUNCTION \(function)();

                """
        }
        return script
    }

    // MARK: SQLite

    static func sqliteInstallScript(_ trigger: EventTriggerMetadata, table: ResolvedTable) -> String {
        let kind = DatabaseKind.sqlite
        let name = literal(trigger.name)
        let target = qualified(table.key.name, kind)
        let uuid = sqliteUUID
        let session = "(SELECT variables FROM ministack_event_session WHERE id = 1)"
        func row(_ record: String, _ spec: EventOperationSpec) -> String {
            let names: [String]
            if case .some(let columns)? = spec.payload { names = columns } else { names = table.columns.map(\.name) }
            let pairs = names.compactMap { column -> String? in
                guard let resolved = table.column(named: column) else { return nil }
                return "\(literal(column)), \(sqliteValue("\(record).\(quote(column))", resolved.scalar))"
            }
            return "json_object(\(pairs.joined(separator: ", ")))"
        }
        func create(_ op: String, _ spec: EventOperationSpec, condition: String?, old: String, new: String) -> String {
            """
            DROP TRIGGER IF EXISTS \(quote(triggerPrefix + trigger.name + "_" + op.lowercased()));
            CREATE TRIGGER \(quote(triggerPrefix + trigger.name + "_" + op.lowercased())) AFTER \(op) ON \(target)\(condition.map { " WHEN \($0)" } ?? "")
            BEGIN
              INSERT INTO ministack_event_log (id, trigger_name, schema_name, table_name, op, data, session_variables)
              VALUES (\(uuid), \(name), \(literal(table.key.name.schema)), \(literal(table.key.name.name)), '\(op)',
                json_object('old', \(old), 'new', \(new)), \(session));
            END;

            """
        }
        var script = ""
        if let insert = trigger.operations.insert {
            script += create("INSERT", insert, condition: nil, old: "NULL", new: row("NEW", insert))
        }
        if let update = trigger.operations.update {
            let columns: [String]
            switch update.columns {
            case .all: columns = table.columns.map(\.name)
            case .some(let names): columns = names
            }
            let changed =
                columns.isEmpty
                ? "0" : columns.map { "OLD.\(quote($0)) IS NOT NEW.\(quote($0))" }.joined(separator: " OR ")
            script += create(
                "UPDATE", update, condition: "(\(changed))", old: row("OLD", update), new: row("NEW", update))
        }
        if let delete = trigger.operations.delete {
            script += create("DELETE", delete, condition: nil, old: row("OLD", delete), new: "NULL")
        }
        return script
    }

    /// A version 4 UUID from SQLite's built-in functions only.
    static let sqliteUUID = """
        lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))
        """

    /// A column value as JSON in a SQLite trigger, typed as the GraphQL API writes it.
    static func sqliteValue(_ column: String, _ scalar: ScalarType) -> String {
        if scalar == .boolean {
            return "CASE WHEN \(column) IS NULL THEN NULL WHEN \(column) THEN json('true') ELSE json('false') END"
        }
        if scalar.isJSON { return "json(\(column))" }
        return column
    }

    // MARK: Quoting

    /// An identifier quoted as both dialects quote it.
    static func quote(_ identifier: some StringProtocol) -> String {
        PostgresDialect().quote(identifier: String(identifier))
    }

    static func qualified(_ name: QualifiedTableName, _ kind: DatabaseKind) -> String {
        kind == .sqlite && name.schema == "main"
            ? quote(name.name) : quote(name.schema) + "." + quote(name.name)
    }

    /// A SQL string literal of text ministack wrote or validated (trigger, table and column names).
    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
