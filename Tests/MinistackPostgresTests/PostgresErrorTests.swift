import MinistackCore
import MinistackPostgres
import MinistackTesting
import Testing

@Suite("Postgres errors map to DriverError")
struct PostgresErrorTests {
    static let database = Task {
        try await SuiteDatabase.make(
            named: "error_tests",
            schema: """
                CREATE TABLE owners (id integer PRIMARY KEY);
                CREATE TABLE accounts (
                    id integer PRIMARY KEY,
                    email text NOT NULL CONSTRAINT accounts_email_key UNIQUE,
                    owner_id integer CONSTRAINT accounts_owner_fkey REFERENCES owners (id),
                    balance integer CONSTRAINT accounts_balance_check CHECK (balance >= 0)
                );
                INSERT INTO owners VALUES (1);
                INSERT INTO accounts VALUES (1, 's3cr3t@example.com', 1, 10);
                """)
    }

    func run(_ sql: String, _ bindings: [BoundValue] = []) async throws {
        _ = try await Self.database.value.driver.fetchRow(DatabaseStatement(sql: sql, bindings: bindings))
    }

    func text(_ value: String) -> BoundValue { BoundValue(.string(value), as: .string) }
    func int(_ value: Int) -> BoundValue { BoundValue(.number(String(value)), as: .int) }

    @Test("23505 unique violation, without the key values from the detail")
    func unique() async throws {
        await #expect(
            throws: DriverError.constraintViolation(
                .unique, message: #"duplicate key value violates unique constraint "accounts_email_key""#)
        ) {
            try await run(
                "INSERT INTO accounts (id, email) VALUES ($1::integer, $2::text) RETURNING id::text",
                [int(2), text("s3cr3t@example.com")])
        }
    }

    @Test("23503 foreign key violation")
    func foreignKey() async throws {
        await #expect(
            throws: DriverError.constraintViolation(
                .foreignKey,
                message: #"insert or update on table "accounts" violates foreign key constraint "accounts_owner_fkey""#)
        ) {
            try await run(
                "INSERT INTO accounts (id, email, owner_id) VALUES ($1::integer, $2::text, $3::integer)",
                [int(3), text("x@example.com"), int(99)])
        }
    }

    @Test("23502 not-null violation")
    func notNull() async throws {
        await #expect(
            throws: DriverError.constraintViolation(
                .notNull, message: #"null value in column "email" of relation "accounts" violates not-null constraint"#)
        ) {
            try await run(
                "INSERT INTO accounts (id, email) VALUES ($1::integer, $2::text)",
                [int(4), BoundValue(.null, as: .string)])
        }
    }

    @Test("23514 check violation")
    func check() async throws {
        await #expect(
            throws: DriverError.constraintViolation(
                .check, message: #"new row for relation "accounts" violates check constraint "accounts_balance_check""#)
        ) {
            try await run(
                "INSERT INTO accounts (id, email, balance) VALUES ($1::integer, $2::text, $3::integer)",
                [int(5), text("y@example.com"), int(-1)])
        }
    }

    @Test("class 22 is a data exception")
    func dataException() async throws {
        await #expect(throws: DriverError.dataException(#"invalid input syntax for type integer: "abc""#)) {
            try await run("SELECT $1::integer::text", [text("abc")])
        }
        await #expect(throws: DriverError.dataException("division by zero")) {
            try await run("SELECT (1 / $1::integer)::text", [int(0)])
        }
    }

    @Test("other server errors keep their SQLSTATE and never show the SQL")
    func otherErrors() async throws {
        await #expect(
            throws: DriverError.queryFailed(message: #"relation "no_such_table" does not exist"#, sqlState: "42P01")
        ) {
            try await run("SELECT 's3cr3t' FROM no_such_table")
        }
    }

    @Test("a missing database is a connection failure naming the database")
    func missingDatabase() async throws {
        let cluster = try await PostgresCluster.shared()
        let driver = try PostgresDriver(url: cluster.url(database: "no_such_database"), pingTimeout: .milliseconds(500))
        await #expect {
            try await driver.ping()
        } throws: { error in
            guard case DriverError.connectionFailed(let message) = error else { return false }
            return message.contains(#"database "no_such_database" does not exist"#)
        }
        await driver.shutdown()
    }

    @Test("a closed port is a connection failure")
    func closedPort() async throws {
        let driver = try PostgresDriver(url: "postgres://postgres@127.0.0.1:1/db", pingTimeout: .milliseconds(500))
        await #expect {
            try await driver.ping()
        } throws: { error in
            guard case DriverError.connectionFailed(let message) = error else { return false }
            return message.contains("127.0.0.1:1")
        }
        await driver.shutdown()
    }

    @Test("a driver that was shut down reports a connection failure")
    func afterShutdown() async throws {
        let driver = try PostgresDriver(url: try await Self.database.value.url)
        try await driver.ping()
        await driver.shutdown()
        await #expect {
            try await driver.ping()
        } throws: { error in
            if case DriverError.connectionFailed = error { return true }
            return false
        }
    }
}
