/// `timestamptz` values as SQLite stores them: text in the one form Postgres prints in UTC
/// (`2024-01-02T03:04:05.123456+00:00`, trailing zeros of the fraction dropped), so that
/// comparing and sorting the text compares instants.
///
/// Bound values are normalized to this form, so `"2024-01-02T05:04:05.123456+02:00"` finds the
/// row stored as `"2024-01-02T03:04:05.123456+00:00"`. A value without an offset is UTC, as
/// Postgres reads it in a UTC session.
enum TimestampText {
    /// The canonical UTC text of an ISO-8601 timestamp, or nil when `text` is not one.
    static func canonicalUTC(_ text: String) -> String? {
        var scanner = Scanner(Array(text.utf8))
        guard let year = scanner.number(digits: 4), scanner.take("-"), let month = scanner.number(digits: 2),
            scanner.take("-"),
            let day = scanner.number(digits: 2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var hour = 0, minute = 0, second = 0, micros = 0, offsetMinutes = 0
        if scanner.take("T") || scanner.take("t") || scanner.take(" ") {
            guard let h = scanner.number(digits: 2), scanner.take(":"), let m = scanner.number(digits: 2), h < 24,
                m < 60
            else { return nil }
            hour = h
            minute = m
            if scanner.take(":") {
                guard let s = scanner.number(digits: 2), s < 61 else { return nil }
                second = s
                if scanner.take(".") {
                    let digits = scanner.digits()
                    guard !digits.isEmpty else { return nil }
                    let padded = (digits + [UInt8](repeating: UInt8(ascii: "0"), count: 6)).prefix(6)
                    micros = Int(String(decoding: padded, as: UTF8.self))!
                }
            }
            if scanner.take("Z") || scanner.take("z") {
                offsetMinutes = 0
            } else if let sign = scanner.sign() {
                guard let offsetHours = scanner.number(digits: 2) else { return nil }
                var offsetRest = 0
                if scanner.take(":") {
                    guard let value = scanner.number(digits: 2) else { return nil }
                    offsetRest = value
                } else if let value = scanner.number(digits: 2) {
                    offsetRest = value
                }
                offsetMinutes = sign * (offsetHours * 60 + offsetRest)
            }
        }
        guard scanner.atEnd else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        var totalMicros =
            ((Int64(days) * 24 + Int64(hour)) * 60 + Int64(minute) - Int64(offsetMinutes)) * 60_000_000
            + Int64(second) * 1_000_000 + Int64(micros)
        let microsPerDay: Int64 = 86_400_000_000
        var dayNumber = totalMicros / microsPerDay
        totalMicros %= microsPerDay
        if totalMicros < 0 {
            totalMicros += microsPerDay
            dayNumber -= 1
        }
        let (y, mo, d) = civilFromDays(Int(dayNumber))
        let secondsOfDay = Int(totalMicros / 1_000_000)
        let fraction = Int(totalMicros % 1_000_000)
        var result =
            pad(y, 4) + "-" + pad(mo, 2) + "-" + pad(d, 2) + "T" + pad(secondsOfDay / 3600, 2) + ":"
            + pad(secondsOfDay / 60 % 60, 2) + ":" + pad(secondsOfDay % 60, 2)
        if fraction > 0 {
            var digits = pad(fraction, 6)
            while digits.hasSuffix("0") { digits.removeLast() }
            result += "." + digits
        }
        return result + "+00:00"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index == bytes.count }

        mutating func take(_ character: Character) -> Bool {
            guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
            index += 1
            return true
        }

        mutating func sign() -> Int? {
            if take("+") { return 1 }
            if take("-") { return -1 }
            return nil
        }

        mutating func number(digits count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + count] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += count
            return value
        }

        mutating func digits() -> [UInt8] {
            let start = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            return Array(bytes[start..<index])
        }
    }
}
