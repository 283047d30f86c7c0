import GRDB
public import MinistackCore

extension SQLiteDriver {
    /// One write transaction across several awaited statements.
    ///
    /// GRDB's write closures are synchronous, so the transaction is opened with
    /// `BEGIN IMMEDIATE` on the (single, serialized) writer connection and each statement is
    /// a separate writer access; `transactionLock` keeps other transactions of this driver
    /// from interleaving until `COMMIT` or `ROLLBACK`.
    public func transaction<Result: Sendable>(_ body: @Sendable (any DatabaseTransaction) async throws -> Result)
        async throws -> Result
    {
        await transactionLock.acquire()
        do {
            try await perform { [writer] in
                try await writer.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
            }
            do {
                let result = try await body(SQLiteTransaction(driver: self))
                try await perform { [writer] in
                    try await writer.writeWithoutTransaction { db in try db.execute(sql: "COMMIT") }
                }
                await transactionLock.release()
                return result
            } catch {
                try? await perform { [writer] in
                    try await writer.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
                }
                throw error
            }
        } catch {
            await transactionLock.release()
            throw error
        }
    }

    func rows(_ statement: DatabaseStatement) async throws(DriverError) -> [[String?]] {
        let arguments = try SQLiteBindings.arguments(for: statement.bindings)
        let sql = statement.sql
        return try await perform { [writer] in
            try await writer.writeWithoutTransaction { db in
                let prepared = try db.makeStatement(sql: sql)
                let cursor = try Row.fetchCursor(prepared, arguments: arguments)
                var rows: [[String?]] = []
                while let row = try cursor.next() {
                    rows.append(try (0..<row.count).map { try row.decode(String?.self, atIndex: $0) })
                }
                return rows
            }
        }
    }
}

/// Statements of a SQLite transaction, on the writer connection.
struct SQLiteTransaction: DatabaseTransaction {
    let driver: SQLiteDriver

    func fetchRows(_ statement: DatabaseStatement) async throws(DriverError) -> [[String?]] {
        try await driver.rows(statement)
    }
}

/// A FIFO lock for async code: one holder at a time, waiters resume in arrival order.
actor AsyncLock {
    private var isHeld = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        if !isHeld {
            isHeld = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty {
            isHeld = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}
