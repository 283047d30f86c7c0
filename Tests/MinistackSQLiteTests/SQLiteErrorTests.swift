import MinistackCore
import MinistackSQLite
import Testing

@Suite("SQLite errors")
struct SQLiteErrorTests {
    static let schema = """
        CREATE TABLE author (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            email TEXT UNIQUE,
            age INTEGER CHECK (age >= 0)
        );
        CREATE TABLE book (
            id INTEGER PRIMARY KEY,
            author_id INTEGER NOT NULL REFERENCES author (id)
        );
        CREATE TABLE strict_counter (n INTEGER NOT NULL) STRICT;
        INSERT INTO author (id, name, email) VALUES (1, 'Ada', 'ada@example.com');
        """

    static func run(_ sql: String, _ bindings: [BoundValue] = []) async throws {
        let driver = try SQLiteDriver.inMemory()
        try await driver.executeScript(schema)
        _ = try await driver.fetchRow(DatabaseStatement(sql: sql, bindings: bindings))
    }

    @Test(
        "constraint failures map to their kind with SQLite's message",
        arguments: [
            (
                "INSERT INTO author (name, email) VALUES ('Bob', 'ada@example.com')",
                DriverError.constraintViolation(.unique, message: "UNIQUE constraint failed: author.email")
            ),
            (
                "INSERT INTO author (id, name) VALUES (1, 'Again')",
                .constraintViolation(.unique, message: "UNIQUE constraint failed: author.id")
            ),
            (
                "INSERT INTO book (author_id) VALUES (99)",
                .constraintViolation(.foreignKey, message: "FOREIGN KEY constraint failed")
            ),
            (
                "INSERT INTO author (name) VALUES (NULL)",
                .constraintViolation(.notNull, message: "NOT NULL constraint failed: author.name")
            ),
            (
                "INSERT INTO author (name, age) VALUES ('Young', -1)",
                .constraintViolation(.check, message: "CHECK constraint failed: age >= 0")
            ),
        ] as [(String, DriverError)])
    func constraintViolations(sql: String, expected: DriverError) async throws {
        await #expect(throws: expected) { try await Self.run(sql) }
    }

    @Test("deleting a referenced row is a foreign-key violation")
    func foreignKeyOnDelete() async throws {
        await #expect(throws: DriverError.constraintViolation(.foreignKey, message: "FOREIGN KEY constraint failed")) {
            let driver = try SQLiteDriver.inMemory()
            try await driver.executeScript(Self.schema + "INSERT INTO book (author_id) VALUES (1);")
            _ = try await driver.fetchRow(DatabaseStatement(sql: "DELETE FROM author WHERE id = 1"))
        }
    }

    @Test("a value of the wrong type is a data exception")
    func datatypeMismatch() async throws {
        await #expect(throws: DriverError.dataException("datatype mismatch")) {
            try await Self.run("INSERT INTO author (id, name) VALUES ('not a number', 'X')")
        }
        await #expect(
            throws: DriverError.dataException("cannot store TEXT value in INTEGER column strict_counter.n")
        ) {
            try await Self.run("INSERT INTO strict_counter (n) VALUES ('many')")
        }
    }

    @Test("other errors are queryFailed with SQLite's message and no SQLSTATE")
    func otherErrors() async throws {
        await #expect(throws: DriverError.queryFailed(message: "no such table: missing", sqlState: nil)) {
            try await Self.run("SELECT * FROM missing")
        }
        await #expect(throws: DriverError.queryFailed(message: #"near "SELEC": syntax error"#, sqlState: nil)) {
            try await Self.run("SELEC 1")
        }
    }

    @Test("a failing script applies none of its statements")
    func scriptIsAtomic() async throws {
        let driver = try SQLiteDriver.inMemory()
        try await driver.executeScript(Self.schema)
        await #expect(
            throws: DriverError.constraintViolation(.notNull, message: "NOT NULL constraint failed: author.name")
        ) {
            try await driver.executeScript(
                """
                INSERT INTO author (id, name) VALUES (2, 'Grace');
                INSERT INTO author (id, name) VALUES (3, NULL);
                """)
        }
        #expect(try await driver.fetchRow(DatabaseStatement(sql: "SELECT count(*) FROM author")) == ["1"])
    }

    @Test("a database that cannot be opened is a connection failure")
    func connectionFailure() throws {
        #expect {
            _ = try SQLiteDriver(path: "/nonexistent-ministack-dir/sub/db.sqlite")
        } throws: { error in
            guard case DriverError.connectionFailed(let message) = error else { return false }
            return message.contains("/nonexistent-ministack-dir/sub/db.sqlite")
        }
    }
}
