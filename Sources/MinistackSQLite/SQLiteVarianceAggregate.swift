import Foundation
import GRDB

/// Which of Postgres's dispersion aggregates a ``SQLiteVarianceAggregate`` computes.
protocol VarianceStatistic: Sendable {
    /// Divide by n − 1 (sample, needs two values) rather than n (population, needs one).
    static var isSample: Bool { get }
    /// Return the square root of the variance.
    static var isStandardDeviation: Bool { get }
}

enum StandardDeviationSample: VarianceStatistic {
    static let isSample = true
    static let isStandardDeviation = true
}

enum StandardDeviationPopulation: VarianceStatistic {
    static let isSample = false
    static let isStandardDeviation = true
}

enum VarianceSample: VarianceStatistic {
    static let isSample = true
    static let isStandardDeviation = false
}

enum VariancePopulation: VarianceStatistic {
    static let isSample = false
    static let isStandardDeviation = false
}

/// `stddev_samp`, `stddev_pop`, `var_samp` and `var_pop` as SQLite aggregates.
///
/// Uses Welford's running mean so large values do not lose precision. NULL inputs are
/// skipped; the result is NULL when too few values remain (none for the population
/// forms, fewer than two for the sample forms), as in Postgres. Text that is not a
/// number fails the statement with `SQLITE_MISMATCH`.
struct SQLiteVarianceAggregate<Statistic: VarianceStatistic>: DatabaseAggregate {
    private var count = 0
    private var mean = 0.0
    private var sumOfSquaredDeviations = 0.0

    init() {}

    mutating func step(_ dbValues: [DatabaseValue]) throws {
        let value: Double
        switch dbValues[0].storage {
        case .null:
            return
        case .int64(let integer):
            value = Double(integer)
        case .double(let double):
            value = double
        case .string(let text):
            guard let parsed = Double(text) else { throw Self.mismatch(text) }
            value = parsed
        case .blob:
            throw Self.mismatch("<blob>")
        }
        count += 1
        let delta = value - mean
        mean += delta / Double(count)
        sumOfSquaredDeviations += delta * (value - mean)
    }

    func finalize() -> (any DatabaseValueConvertible)? {
        let divisor = Statistic.isSample ? count - 1 : count
        guard divisor > 0 else { return nil }
        let variance = max(0, sumOfSquaredDeviations / Double(divisor))
        return Statistic.isStandardDeviation ? variance.squareRoot() : variance
    }

    private static func mismatch(_ text: String) -> DatabaseError {
        DatabaseError(
            resultCode: .SQLITE_MISMATCH, message: "invalid input syntax for type double precision: \"\(text)\"")
    }
}
