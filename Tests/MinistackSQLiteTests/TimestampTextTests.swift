import Testing

@testable import MinistackSQLite

@Suite("timestamptz text on SQLite")
struct TimestampTextTests {
    @Test(
        "normalizes to Postgres' UTC form",
        arguments: [
            ("2024-01-02T03:04:05.123456+00:00", "2024-01-02T03:04:05.123456+00:00"),
            ("2024-01-02T05:04:05.123456+02:00", "2024-01-02T03:04:05.123456+00:00"),
            ("2024-01-01T23:30:00-01:00", "2024-01-02T00:30:00+00:00"),
            ("2024-03-01T00:30:00+01:00", "2024-02-29T23:30:00+00:00"),
            ("2024-01-02 03:04:05.5Z", "2024-01-02T03:04:05.5+00:00"),
            ("2024-01-02T03:04", "2024-01-02T03:04:00+00:00"),
            ("2024-01-02", "2024-01-02T00:00:00+00:00"),
            ("1969-12-31T23:59:59.999999+00:00", "1969-12-31T23:59:59.999999+00:00"),
            ("2024-01-02T03:04:05+0530", "2024-01-01T21:34:05+00:00"),
        ])
    func normalizes(input: String, expected: String) {
        #expect(TimestampText.canonicalUTC(input) == expected)
    }

    @Test(
        "rejects what is not a timestamp",
        arguments: ["", "yesterday", "2024-13-01", "2024-01-02T25:00", "2024-01-02T03:04:05.", "2024-01-02T03:04:05+0"])
    func rejects(input: String) {
        #expect(TimestampText.canonicalUTC(input) == nil)
    }
}
