import Logging
public import MinistackCore
import PostgresNIO

extension PostgresDriver {
    /// `BEGIN` … `COMMIT` on one leased connection; `ROLLBACK` when `body` throws.
    public func transaction<Result: Sendable>(_ body: @Sendable (any DatabaseTransaction) async throws -> Result)
        async throws -> Result
    {
        try await postgresTransaction { try await body($0) }
    }

    /// The transaction with its concrete type, for callers inside this driver.
    func postgresTransaction<Result: Sendable>(_ body: @Sendable (PostgresTransaction) async throws -> Result)
        async throws -> Result
    {
        let logger = self.logger
        do {
            return try await client.withConnection { connection in
                try await connection.query("BEGIN", logger: logger).drain()
                do {
                    let result = try await body(PostgresTransaction(connection: connection, logger: logger))
                    try await connection.query("COMMIT", logger: logger).drain()
                    return result
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: logger).drain()
                    throw error
                }
            }
        } catch let error as DriverError {
            throw error
        } catch let error as PSQLError {
            throw await classify(error)
        }
    }
}

/// A transaction's statements on its one connection.
struct PostgresTransaction: DatabaseTransaction {
    let connection: PostgresConnection
    let logger: Logger

    func fetchRows(_ statement: DatabaseStatement) async throws(DriverError) -> [[String?]] {
        let query = PostgresQuery(unsafeSQL: statement.sql, binds: PostgresBindings(textBindings: statement.bindings))
        do {
            var rows: [[String?]] = []
            for try await row in try await connection.query(query, logger: logger) {
                var values: [String?] = []
                for cell in row { values.append(try cell.textValue()) }
                rows.append(values)
            }
            return rows
        } catch let error as DriverError {
            throw error
        } catch {
            throw DriverError(postgres: error)
        }
    }
}
