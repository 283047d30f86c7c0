import GRDB
public import MinistackCore

/// The `DatabaseDriver` for SQLite, over GRDB on the system libsqlite3.
///
/// A file path opens a `DatabasePool` in WAL mode, so reads run concurrently with the
/// single writer; `":memory:"` opens one in-memory connection (a `DatabaseQueue`),
/// which is what tests and throwaway sources use.
///
/// Every connection is prepared the same way: foreign keys enforced,
/// `case_sensitive_like` on (so `LIKE` matches Postgres), a busy timeout, and the
/// `ministack_*` SQL functions the SQLite compiler emits (see ``SQLiteFunctions``).
///
/// The driver is `Sendable` and safe to call from many requests at once; GRDB
/// serializes writes and hands each read its own connection. Call `shutdown()` once,
/// when the source is dropped; the driver must not be used afterwards.
///
/// ```swift
/// let driver = try SQLiteDriver(path: "data/app.sqlite")
/// let catalog = try await driver.introspect()
/// ```
public final class SQLiteDriver: DatabaseDriver {
    /// How long a connection waits for another one's lock before failing with `SQLITE_BUSY`.
    static let busyTimeoutSeconds: Double = 5

    let writer: any DatabaseWriter
    /// Held for the whole of a multi-statement transaction (see `transaction(_:)`).
    let transactionLock = AsyncLock()

    /// Opens the database at `path` (created if missing), or an in-memory one for `":memory:"`.
    ///
    /// - Throws: `DriverError.connectionFailed` when the file cannot be opened or put in WAL mode.
    public init(path: String) throws(DriverError) {
        let configuration = Self.configuration()
        do {
            if path == ":memory:" {
                writer = try DatabaseQueue(configuration: configuration)
            } else {
                writer = try DatabasePool(path: path, configuration: configuration)
            }
        } catch {
            throw .connectionFailed("cannot open SQLite database at \(path): \(Self.describe(error))")
        }
    }

    /// A fresh, private in-memory database (one connection).
    public static func inMemory() throws(DriverError) -> SQLiteDriver {
        try SQLiteDriver(path: ":memory:")
    }

    public var kind: DatabaseKind { .sqlite }

    /// Binds the statement's values, steps it once and gives each column of the first
    /// row as SQLite's own text (integers and reals rendered as `CAST(… AS TEXT)` would);
    /// an empty array when there is no row.
    ///
    /// Read-only statements run on a reader connection; anything that writes runs on the
    /// writer inside one transaction, committed when the row has been read.
    public func fetchRow(_ statement: DatabaseStatement) async throws(DriverError) -> [String?] {
        let arguments = try SQLiteBindings.arguments(for: statement.bindings)
        let sql = statement.sql
        let readResult: [String?]? = try await perform { [writer] in
            try await writer.read { db in
                let prepared = try db.makeStatement(sql: sql)
                guard prepared.isReadonly else { return nil }
                return try Self.firstRow(of: prepared, arguments: arguments)
            }
        }
        if let readResult { return readResult }
        // A write waits for any `transaction(_:)` under way: that transaction holds the writer
        // between its BEGIN and COMMIT, and a write in between would try to begin another.
        await transactionLock.acquire()
        do {
            let row = try await perform { [writer] in
                try await writer.write { db in
                    try Self.firstRow(of: db.makeStatement(sql: sql), arguments: arguments)
                }
            }
            await transactionLock.release()
            return row
        } catch {
            await transactionLock.release()
            throw error
        }
    }

    /// Runs every statement of `sql` in one write transaction: all of them apply, or none.
    public func executeScript(_ sql: String) async throws(DriverError) {
        await transactionLock.acquire()
        do {
            try await perform { [writer] in
                try await writer.write { db in try db.execute(sql: sql) }
            }
            await transactionLock.release()
        } catch {
            await transactionLock.release()
            throw error
        }
    }

    public func ping() async throws(DriverError) {
        try await perform { [writer] in
            try await writer.read { db in try db.execute(sql: "SELECT 1") }
        }
    }

    public func shutdown() async {
        try? writer.close()
    }

    // MARK: - Helpers

    private static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.label = "ministack"
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeoutSeconds)
        // `transaction(_:)` spans several writer accesses between BEGIN and COMMIT.
        configuration.allowsUnsafeTransactions = true
        let functions = SQLiteFunctions()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON; PRAGMA case_sensitive_like = ON")
            functions.register(in: db)
        }
        return configuration
    }

    private static func firstRow(of statement: Statement, arguments: StatementArguments) throws -> [String?] {
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        guard let row = try cursor.next() else { return [] }
        return try (0..<row.count).map { index in try row.decode(String?.self, atIndex: index) }
    }

    /// Runs a database access and maps whatever it throws to a `DriverError`.
    func perform<T>(_ access: () async throws -> T) async throws(DriverError) -> T {
        do {
            return try await access()
        } catch {
            throw Self.driverError(from: error)
        }
    }
}
