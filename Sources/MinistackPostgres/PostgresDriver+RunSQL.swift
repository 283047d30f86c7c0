public import MinistackCore
import PostgresNIO

extension PostgresDriver {
    /// Every statement of the script in one transaction; the last one's rows as text.
    public func runSQL(_ sql: String) async throws(DriverError) -> SQLResult {
        let statements = PostgresScript.statements(in: sql)
        guard !statements.isEmpty else { return SQLResult(columns: nil, rows: []) }
        do {
            return try await postgresTransaction { transaction in
                var result = SQLResult(columns: nil, rows: [])
                for statement in statements {
                    result = try await transaction.run(statement)
                }
                return result
            }
        } catch let error as DriverError {
            throw error
        } catch {
            throw DriverError(postgres: error)
        }
    }
}

extension PostgresTransaction {
    /// One statement; its column names come from the first row (none when there are no rows).
    func run(_ sql: String) async throws(DriverError) -> SQLResult {
        do {
            var columns: [String]?
            var rows: [[String?]] = []
            for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger) {
                var values: [String?] = []
                var names: [String] = []
                for cell in row {
                    names.append(cell.columnName)
                    values.append(try cell.textValue())
                }
                if columns == nil { columns = names }
                rows.append(values)
            }
            return SQLResult(columns: columns ?? (rows.isEmpty ? nil : []), rows: rows)
        } catch let error as DriverError {
            throw error
        } catch {
            throw DriverError(postgres: error)
        }
    }
}
