import Foundation
import MinistackCore
import MinistackSQLite
import Testing

@Suite("SQLite file database (WAL pool)")
struct SQLiteFileDatabaseTests {
    /// A fresh directory for one test's database file, removed afterwards.
    static func withTemporaryDatabase(_ body: (String) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("ministack-sqlite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try await body(directory.appendingPathComponent("test.sqlite").path)
    }

    @Test("a file path opens a WAL database whose readers see committed writes and have the functions")
    func walPool() async throws {
        try await Self.withTemporaryDatabase { path in
            let driver = try SQLiteDriver(path: path)
            try await driver.executeScript(
                """
                CREATE TABLE item (id INTEGER PRIMARY KEY, label TEXT NOT NULL);
                INSERT INTO item (label) VALUES ('Alpha'), ('beta'), ('Gamma');
                """)
            #expect(try await driver.fetchRow(DatabaseStatement(sql: "PRAGMA journal_mode")) == ["wal"])
            let row = try await driver.fetchRow(
                DatabaseStatement(
                    sql: """
                        SELECT json_group_array(label) FROM (
                            SELECT label FROM item WHERE ministack_regexp(label, ?, 'i') ORDER BY id)
                        """,
                    bindings: [BoundValue(.string("^[ab]"), as: .string)]))
            #expect(row == [#"["Alpha","beta"]"#])
            #expect(try await driver.fetchRow(DatabaseStatement(sql: "SELECT 'A' LIKE 'a'")) == ["0"])
            let catalog = try await driver.introspect()
            #expect(catalog.sortedTables.map(\.name.name) == ["item"])
            try await driver.ping()
            await driver.shutdown()
        }
    }

    @Test("many concurrent reads and writes through one driver")
    func concurrentAccess() async throws {
        try await Self.withTemporaryDatabase { path in
            let driver = try SQLiteDriver(path: path)
            try await driver.executeScript("CREATE TABLE hit (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        _ = try await driver.fetchRow(
                            DatabaseStatement(
                                sql: "INSERT INTO hit (n) VALUES (?) RETURNING id",
                                bindings: [BoundValue(.number(String(index)), as: .int)]))
                        _ = try await driver.fetchRow(DatabaseStatement(sql: "SELECT count(*) FROM hit"))
                    }
                }
                try await group.waitForAll()
            }
            #expect(
                try await driver.fetchRow(DatabaseStatement(sql: "SELECT count(*), sum(n) FROM hit")) == ["40", "780"])
            await driver.shutdown()
        }
    }

    @Test("a write made while a transaction holds the writer waits for its commit instead of failing")
    func writeDuringTransaction() async throws {
        try await Self.withTemporaryDatabase { path in
            let driver = try SQLiteDriver(path: path)
            try await driver.executeScript("CREATE TABLE item (id INTEGER PRIMARY KEY, label TEXT NOT NULL)")
            let insert = DatabaseStatement(sql: "INSERT INTO item (label) VALUES ('outside') RETURNING id")
            let transaction = Task {
                try await driver.transaction { transaction in
                    _ = try await transaction.fetchRows(
                        DatabaseStatement(sql: "INSERT INTO item (label) VALUES ('inside')"))
                    try await Task.sleep(for: .milliseconds(300))
                    return try await transaction.fetchRows(DatabaseStatement(sql: "SELECT count(*) FROM item"))
                }
            }
            try await Task.sleep(for: .milliseconds(100))
            let outside = try await driver.fetchRow(insert)
            #expect(outside == ["2"], "written after the transaction committed")
            #expect(try await transaction.value == [["1"]], "the transaction saw only its own row")
            await driver.shutdown()
        }
    }
}
