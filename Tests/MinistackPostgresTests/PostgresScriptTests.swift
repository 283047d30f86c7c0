import Testing

@testable import MinistackPostgres

@Suite("Splitting SQL scripts into statements")
struct PostgresScriptTests {
    @Test("semicolons end statements; blank and comment-only statements are dropped")
    func plainStatements() {
        let script = """
            CREATE TABLE a (id int);
            ;
            -- just a comment;
            INSERT INTO a VALUES (1);
            SELECT 1
            """
        #expect(
            PostgresScript.statements(in: script) == [
                "CREATE TABLE a (id int);", "-- just a comment;\nINSERT INTO a VALUES (1);", "SELECT 1",
            ])
    }

    @Test("semicolons inside quotes, identifiers and comments do not split")
    func quoted() {
        let script = """
            INSERT INTO t VALUES ('a;b', 'it''s;', E'\\';x', "odd;name");
            /* block ; /* nested ; */ still ; */ SELECT 2;
            """
        let statements = PostgresScript.statements(in: script)
        #expect(statements.count == 2)
        #expect(statements[0] == #"INSERT INTO t VALUES ('a;b', 'it''s;', E'\';x', "odd;name");"#)
        #expect(statements[1].hasSuffix("SELECT 2;"))
    }

    @Test("dollar-quoted bodies stay whole, with or without a tag; $1 is not a quote")
    func dollarQuotes() {
        let script = """
            DO $$ BEGIN PERFORM 1; PERFORM 2; END $$;
            CREATE FUNCTION f(x int) RETURNS int LANGUAGE plpgsql AS $body$
            BEGIN RETURN x + 1; END; $body$;
            PREPARE p AS SELECT $1::int; SELECT a$b FROM t;
            """
        #expect(
            PostgresScript.statements(in: script) == [
                "DO $$ BEGIN PERFORM 1; PERFORM 2; END $$;",
                "CREATE FUNCTION f(x int) RETURNS int LANGUAGE plpgsql AS $body$\nBEGIN RETURN x + 1; END; $body$;",
                "PREPARE p AS SELECT $1::int;",
                "SELECT a$b FROM t;",
            ])
    }

    @Test("a BEGIN ATOMIC body of a SQL-standard function is one statement; BEGIN alone is a statement")
    func beginAtomic() {
        let script = """
            BEGIN;
            CREATE OR REPLACE FUNCTION g(x int) RETURNS int LANGUAGE sql
            BEGIN ATOMIC SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END; SELECT x; END;
            COMMIT;
            """
        #expect(
            PostgresScript.statements(in: script) == [
                "BEGIN;",
                "CREATE OR REPLACE FUNCTION g(x int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END; SELECT x; END;",
                "COMMIT;",
            ])
    }

    @Test("an empty or comment-only script has no statements")
    func empty() {
        #expect(PostgresScript.statements(in: "").isEmpty)
        #expect(PostgresScript.statements(in: "  -- nothing\n /* here */ ").isEmpty)
    }
}
