import GRDB
public import MinistackCore

extension SQLiteDriver {
    /// Every statement of the script in one transaction; the last one's rows as text.
    public func runSQL(_ sql: String) async throws(DriverError) -> SQLResult {
        await transactionLock.acquire()
        do {
            let result = try await perform { [writer] in
                try await writer.write { db -> SQLResult in
                    var result = SQLResult(columns: nil, rows: [])
                    let statements = try db.allStatements(sql: sql)
                    while let statement = try statements.next() {
                        let columns = statement.columnNames
                        var rows: [[String?]] = []
                        let cursor = try Row.fetchCursor(statement)
                        while let row = try cursor.next() {
                            rows.append(try (0..<row.count).map { try row.decode(String?.self, atIndex: $0) })
                        }
                        result = SQLResult(columns: columns.isEmpty ? nil : columns, rows: rows)
                    }
                    return result
                }
            }
            await transactionLock.release()
            return result
        } catch {
            await transactionLock.release()
            throw error
        }
    }
}
