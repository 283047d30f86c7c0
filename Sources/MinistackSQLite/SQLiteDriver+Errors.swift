import GRDB
import MinistackCore

/// Maps what GRDB and SQLite throw to the core's `DriverError`, by extended result code.
///
/// | SQLite | `DriverError` |
/// |---|---|
/// | `SQLITE_CONSTRAINT_UNIQUE`, `_PRIMARYKEY` | `.constraintViolation(.unique, …)` |
/// | `SQLITE_CONSTRAINT_FOREIGNKEY` | `.constraintViolation(.foreignKey, …)` |
/// | `SQLITE_CONSTRAINT_NOTNULL` | `.constraintViolation(.notNull, …)` |
/// | `SQLITE_CONSTRAINT_CHECK` | `.constraintViolation(.check, …)` |
/// | `SQLITE_MISMATCH`, `SQLITE_CONSTRAINT_DATATYPE` (STRICT tables), any "datatype mismatch" | `.dataException` |
/// | anything else | `.queryFailed(message:sqlState: nil)` |
///
/// Messages are SQLite's own (`UNIQUE constraint failed: author.name`), never the SQL
/// or the bound values, which GRDB's `description` may include.
extension SQLiteDriver {
    static func driverError(from error: any Error) -> DriverError {
        if let error = error as? DriverError { return error }
        guard let error = error as? DatabaseError else {
            return .queryFailed(message: describe(error), sqlState: nil)
        }
        let message = error.message ?? "SQLite error \(error.extendedResultCode.rawValue)"
        switch error.extendedResultCode {
        case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY:
            return .constraintViolation(.unique, message: message)
        case .SQLITE_CONSTRAINT_FOREIGNKEY:
            return .constraintViolation(.foreignKey, message: message)
        case .SQLITE_CONSTRAINT_NOTNULL:
            return .constraintViolation(.notNull, message: message)
        case .SQLITE_CONSTRAINT_CHECK:
            return .constraintViolation(.check, message: message)
        case .SQLITE_MISMATCH, .SQLITE_CONSTRAINT_DATATYPE:
            return .dataException(message)
        default:
            if message.contains("datatype mismatch") { return .dataException(message) }
            return .queryFailed(message: message, sqlState: nil)
        }
    }

    /// A short text for an error, without SQL or arguments.
    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return error.message ?? "SQLite error \(error.extendedResultCode.rawValue)"
        }
        return String(describing: error)
    }
}
