import MinistackCore
import MinistackPostgres
import Testing

@Suite("Postgres executeScript")
struct PostgresExecuteScriptTests {
    static let database = Task { try await SuiteDatabase.make(named: "script_tests", schema: "") }

    var driver: PostgresDriver {
        get async throws { try await Self.database.value.driver }
    }

    @Test("a script with a DO block, quoted semicolons and a function runs in order")
    func multiStatementScript() async throws {
        let driver = try await driver
        try await driver.executeScript(
            """
            -- seed; with a comment
            CREATE TABLE events (id serial PRIMARY KEY, note text NOT NULL);
            INSERT INTO events (note) VALUES ('first; not a separator'), (E'it\\'s; fine');
            DO $$
            BEGIN
                FOR i IN 1..3 LOOP
                    INSERT INTO events (note) VALUES ('loop ' || i);
                END LOOP;
            END
            $$;
            CREATE FUNCTION event_count() RETURNS bigint LANGUAGE sql
            BEGIN ATOMIC SELECT count(*) FROM events; END;
            CREATE FUNCTION shout(t text) RETURNS text LANGUAGE plpgsql AS $fn$
            BEGIN RETURN upper(t) || ';'; END;
            $fn$;
            """)
        let row = try await driver.fetchRow(
            DatabaseStatement(
                sql: "SELECT event_count()::text, (SELECT string_agg(note, '|' ORDER BY id) FROM events), shout('a')"))
        #expect(row == ["5", "first; not a separator|it's; fine|loop 1|loop 2|loop 3", "A;"])
    }

    @Test("a failing script changes nothing: it runs in one transaction")
    func atomic() async throws {
        let driver = try await driver
        await #expect(throws: DriverError.self) {
            try await driver.executeScript(
                """
                CREATE TABLE half_done (id integer);
                INSERT INTO half_done VALUES (1);
                SELECT 1 / 0;
                """)
        }
        let row = try await driver.fetchRow(
            DatabaseStatement(sql: "SELECT (to_regclass('public.half_done') IS NULL)::text"))
        #expect(row == ["true"])
    }

    @Test("an empty script does nothing")
    func empty() async throws {
        try await driver.executeScript("  -- nothing to do\n")
    }
}
