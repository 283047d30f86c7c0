import GRDB
import MinistackCore

/// Turns the core's bound values into SQLite values, chosen by the scalar each one is
/// compared with.
///
/// SQLite has no parameter types, so the encoding decides how a comparison behaves:
/// integers and reals bind as numbers, booleans as 0/1, `numeric` as its digits in
/// text (the column's NUMERIC affinity converts them without rounding through a
/// `Double`), JSON as its text (the SQL wraps the placeholder in `json(?)`), and every
/// other scalar (text, uuid, dates…) as text. A value that cannot be the scalar fails
/// with a Postgres-worded `DriverError.dataException`, before any SQL runs.
enum SQLiteBindings {
    static func arguments(for bindings: [BoundValue]) throws(DriverError) -> StatementArguments {
        var values: [DatabaseValue] = []
        values.reserveCapacity(bindings.count)
        for binding in bindings {
            values.append(try databaseValue(for: binding))
        }
        return StatementArguments(values)
    }

    static func databaseValue(for binding: BoundValue) throws(DriverError) -> DatabaseValue {
        if binding.value.isNull { return .null }
        switch binding.scalar {
        case .int, .bigint, .smallint:
            return try integer(binding).databaseValue
        case .float, .float8:
            return try double(binding).databaseValue
        case .boolean:
            return try boolean(binding).databaseValue
        case .numeric:
            return try numeric(binding).databaseValue
        case let scalar where scalar.isJSON:
            return binding.value.serialized.databaseValue
        case .timestamptz:
            guard let text = binding.value.stringValue, let canonical = TimestampText.canonicalUTC(text) else {
                throw invalidInput(binding)
            }
            return canonical.databaseValue
        default:
            return binding.text?.databaseValue ?? .null
        }
    }

    private static func integer(_ binding: BoundValue) throws(DriverError) -> Int64 {
        switch binding.value {
        case .number(let text), .string(let text):
            if let integer = Int64(text.trimmingWhitespace()) { return integer }
        default:
            break
        }
        throw invalidInput(binding)
    }

    private static func double(_ binding: BoundValue) throws(DriverError) -> Double {
        switch binding.value {
        case .number(let text), .string(let text):
            if let double = Double(text.trimmingWhitespace()) { return double }
        default:
            break
        }
        throw invalidInput(binding)
    }

    private static func boolean(_ binding: BoundValue) throws(DriverError) -> Int64 {
        switch binding.value {
        case .bool(let flag):
            return flag ? 1 : 0
        case .string(let text):
            switch text.trimmingWhitespace().lowercased() {
            case "true": return 1
            case "false": return 0
            default: break
            }
        default:
            break
        }
        throw invalidInput(binding)
    }

    private static func numeric(_ binding: BoundValue) throws(DriverError) -> String {
        switch binding.value {
        case .number(let text):
            return text
        case .string(let text):
            let trimmed = text.trimmingWhitespace()
            if Double(trimmed) != nil { return trimmed }
        default:
            break
        }
        throw invalidInput(binding)
    }

    /// Postgres's wording, e.g. `invalid input syntax for type integer: "abc"`.
    private static func invalidInput(_ binding: BoundValue) -> DriverError {
        .dataException(
            "invalid input syntax for type \(postgresTypeName(binding.scalar)): \"\(binding.text ?? "null")\"")
    }

    private static func postgresTypeName(_ scalar: ScalarType) -> String {
        switch scalar {
        case .int: "integer"
        case .bigint: "bigint"
        case .smallint: "smallint"
        case .float: "real"
        case .float8: "double precision"
        case .boolean: "boolean"
        default: scalar.name
        }
    }
}
