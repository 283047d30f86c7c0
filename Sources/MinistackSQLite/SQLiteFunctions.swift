import Foundation
import GRDB

/// The SQL functions ministack's SQLite compiler calls, installed on every connection.
///
/// | function | meaning |
/// |---|---|
/// | `ministack_regexp(value, pattern, flags)` | Postgres `~` / `~*`: 1 when `pattern` matches anywhere in `value`; `flags` `"i"` ignores case (`"c"` restores it) |
/// | `ministack_similar(value, pattern)` | Postgres `SIMILAR TO`: 1 when `pattern` matches the whole `value` |
/// | `ministack_stddev_samp(x)`, `ministack_stddev_pop(x)`, `ministack_var_samp(x)`, `ministack_var_pop(x)` | Postgres's aggregates of the same names, as `Double` |
///
/// Like Postgres, the scalar functions return NULL when the value or the pattern is NULL,
/// and `.` matches a newline. An invalid pattern fails the statement with
/// `SQLITE_MISMATCH` ("invalid regular expression: …"), which the driver reports as a
/// data exception. Compiled patterns are cached per driver (``RegularExpressionCache``).
final class SQLiteFunctions: Sendable {
    private let cache = RegularExpressionCache()
    private let functions: [DatabaseFunction]

    init() {
        let cache = self.cache
        functions = [
            DatabaseFunction("ministack_regexp", argumentCount: 3, pure: true) { arguments in
                try Self.regexp(arguments, cache: cache)
            },
            DatabaseFunction("ministack_similar", argumentCount: 2, pure: true) { arguments in
                try Self.similar(arguments, cache: cache)
            },
            DatabaseFunction("ministack_float", argumentCount: 1, pure: true) { arguments in
                Self.floatText(arguments[0])
            },
            DatabaseFunction(
                "ministack_stddev_samp", argumentCount: 1, pure: true,
                aggregate: SQLiteVarianceAggregate<StandardDeviationSample>.self),
            DatabaseFunction(
                "ministack_stddev_pop", argumentCount: 1, pure: true,
                aggregate: SQLiteVarianceAggregate<StandardDeviationPopulation>.self),
            DatabaseFunction(
                "ministack_var_samp", argumentCount: 1, pure: true,
                aggregate: SQLiteVarianceAggregate<VarianceSample>.self),
            DatabaseFunction(
                "ministack_var_pop", argumentCount: 1, pure: true,
                aggregate: SQLiteVarianceAggregate<VariancePopulation>.self),
        ]
    }

    /// Adds every function to one connection (called from `Configuration.prepareDatabase`).
    func register(in db: Database) {
        for function in functions { db.add(function: function) }
    }

    /// A number as the shortest JSON text that reads back as the same double (SQLite's own
    /// JSON writer keeps only 15 significant digits). NULL for NULL and non-finite values.
    static func floatText(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .int64(let integer): return String(integer)
        case .double(let double):
            guard double.isFinite else { return nil }
            if double == double.rounded(), abs(double) < 1e15 { return String(Int64(double)) }
            return "\(double)"
        case .string(let text): return Double(text).flatMap { $0.isFinite ? "\($0)" : nil }
        default: return nil
        }
    }

    private static func regexp(_ arguments: [DatabaseValue], cache: RegularExpressionCache) throws -> Int64? {
        guard let value = text(arguments[0]), let pattern = text(arguments[1]) else { return nil }
        var options: NSRegularExpression.Options = [.dotMatchesLineSeparators]
        for flag in text(arguments[2]) ?? "" {
            switch flag {
            case "i": options.insert(.caseInsensitive)
            case "c": options.remove(.caseInsensitive)
            default:
                throw DatabaseError(
                    resultCode: .SQLITE_MISMATCH, message: "invalid regular expression option: \"\(flag)\"")
            }
        }
        return try matches(value, pattern: pattern, displayPattern: pattern, options: options, cache: cache)
    }

    private static func similar(_ arguments: [DatabaseValue], cache: RegularExpressionCache) throws -> Int64? {
        guard let value = text(arguments[0]), let pattern = text(arguments[1]) else { return nil }
        let translated = SimilarToPattern.regularExpression(from: pattern)
        return try matches(
            value, pattern: translated, displayPattern: pattern, options: [.dotMatchesLineSeparators], cache: cache)
    }

    private static func matches(
        _ value: String, pattern: String, displayPattern: String,
        options: NSRegularExpression.Options, cache: RegularExpressionCache
    ) throws -> Int64 {
        let expression: NSRegularExpression
        do {
            expression = try cache.expression(pattern, options: options)
        } catch {
            throw DatabaseError(resultCode: .SQLITE_MISMATCH, message: "invalid regular expression: \(displayPattern)")
        }
        let range = NSRange(location: 0, length: value.utf16.count)
        return expression.firstMatch(in: value, options: [], range: range) == nil ? 0 : 1
    }

    /// A value as text the way SQLite would cast it; nil for NULL.
    private static func text(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: nil
        case .int64(let integer): String(integer)
        case .double(let double): String(double)
        case .string(let string): string
        case .blob(let data): String(decoding: data, as: UTF8.self)
        }
    }
}
