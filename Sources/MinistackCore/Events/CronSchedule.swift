/// A five-field cron expression (`minute hour day-of-month month day-of-week`), as Hasura's
/// `cleanup_config.schedule` takes it, matched against UTC times.
///
/// Each field is `*`, a number, a range `a-b`, a step `*/n` or `a-b/n`, or a comma-separated
/// list of those. As in cron, when both day fields are restricted a day matching either counts.
///
/// ```swift
/// let nightly = try CronSchedule("0 0 * * *")
/// nightly.matches(minute: 0, hour: 0, day: 5, month: 3, weekday: 2)   // true
/// ```
public struct CronSchedule: Sendable, Hashable, CustomStringConvertible {
    public let description: String
    let minutes: Set<Int>
    let hours: Set<Int>
    let days: Set<Int>
    let months: Set<Int>
    /// 0 = Sunday … 6 = Saturday (7 is read as Sunday too).
    let weekdays: Set<Int>
    let daysRestricted: Bool
    let weekdaysRestricted: Bool

    /// Why an expression could not be read.
    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    public init(_ expression: String) throws(Invalid) {
        let fields = expression.split(whereSeparator: \.isWhitespace).map(String.init)
        guard fields.count == 5 else {
            throw Invalid(description: "a cron schedule has 5 fields, \"\(expression)\" has \(fields.count)")
        }
        description = expression
        minutes = try Self.values(fields[0], in: 0...59)
        hours = try Self.values(fields[1], in: 0...23)
        days = try Self.values(fields[2], in: 1...31)
        months = try Self.values(fields[3], in: 1...12)
        weekdays = Set(try Self.values(fields[4], in: 0...7).map { $0 % 7 })
        daysRestricted = fields[2] != "*"
        weekdaysRestricted = fields[4] != "*"
    }

    /// Whether the schedule fires in the given minute (UTC fields; `weekday` 0 = Sunday).
    public func matches(minute: Int, hour: Int, day: Int, month: Int, weekday: Int) -> Bool {
        guard minutes.contains(minute), hours.contains(hour), months.contains(month) else { return false }
        let dayMatches = days.contains(day)
        let weekdayMatches = weekdays.contains(weekday % 7)
        if daysRestricted && weekdaysRestricted { return dayMatches || weekdayMatches }
        return dayMatches && weekdayMatches
    }

    static func values(_ field: String, in range: ClosedRange<Int>) throws(Invalid) -> Set<Int> {
        var result: Set<Int> = []
        for part in field.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
            guard (1...2).contains(pieces.count) else { throw invalid(field) }
            let step = pieces.count == 2 ? Int(pieces[1]) : 1
            guard let step, step > 0 else { throw invalid(field) }
            let bounds: ClosedRange<Int>
            if pieces[0] == "*" {
                bounds = range
            } else {
                let ends = pieces[0].split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
                guard (1...2).contains(ends.count), let low = ends.first!, let high = ends.last!, low <= high,
                    range.contains(low), range.contains(high)
                else { throw invalid(field) }
                bounds = low...(pieces.count == 2 && ends.count == 1 ? range.upperBound : high)
            }
            result.formUnion(stride(from: bounds.lowerBound, through: bounds.upperBound, by: step))
        }
        return result
    }

    static func invalid(_ field: String) -> Invalid {
        Invalid(description: "invalid cron field \"\(field)\"")
    }
}
