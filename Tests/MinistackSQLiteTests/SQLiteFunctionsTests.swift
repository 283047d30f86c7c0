import MinistackCore
import MinistackSQLite
import Testing

@Suite("SQLite ministack_* functions")
struct SQLiteFunctionsTests {
    static func select(_ expression: String, _ bindings: [BoundValue] = []) async throws -> String? {
        let driver = try SQLiteDriver.inMemory()
        let row = try await driver.fetchRow(DatabaseStatement(sql: "SELECT \(expression)", bindings: bindings))
        return try #require(row.first)
    }

    @Test(
        "ministack_regexp matches anywhere, like Postgres ~ and ~*",
        arguments: [
            ("ministack_regexp('Hello World', 'o W', '')", "1"),
            ("ministack_regexp('Hello World', 'o w', '')", "0"),
            ("ministack_regexp('Hello World', 'o w', 'i')", "1"),
            ("ministack_regexp('Hello World', '^World', '')", "0"),
            ("ministack_regexp('Hello World', '^H.*d$', '')", "1"),
            ("ministack_regexp('line1' || char(10) || 'line2', '1.line', '')", "1"),
            ("ministack_regexp('abc123', '[0-9]{3}', NULL)", "1"),
            ("ministack_regexp(42, '^4', '')", "1"),
        ])
    func regexp(expression: String, expected: String) async throws {
        #expect(try await Self.select(expression) == expected)
    }

    @Test("ministack_regexp is NULL when the value or the pattern is NULL")
    func regexpNull() async throws {
        #expect(try await Self.select("ministack_regexp(NULL, 'a', '')") == nil)
        #expect(try await Self.select("ministack_regexp('a', NULL, 'i')") == nil)
    }

    @Test("ministack_regexp takes its pattern as a bound parameter")
    func regexpBound() async throws {
        let result = try await Self.select(
            "ministack_regexp(?, ?, 'i')",
            [BoundValue(.string("Ministack"), as: .string), BoundValue(.string("^mini"), as: .string)])
        #expect(result == "1")
    }

    @Test("an invalid regular expression is a data exception")
    func invalidRegexp() async throws {
        await #expect(throws: DriverError.dataException("invalid regular expression: a(")) {
            try await Self.select("ministack_regexp('abc', 'a(', '')")
        }
        await #expect(throws: DriverError.dataException(#"invalid regular expression option: "z""#)) {
            try await Self.select("ministack_regexp('abc', 'a', 'z')")
        }
    }

    @Test(
        "ministack_similar implements SIMILAR TO: whole-value match with % _ | * + ? () [] {}",
        arguments: [
            ("'abc', 'a%'", "1"),
            ("'abc', 'b%'", "0"),
            ("'abc', '%b%'", "1"),
            ("'abc', 'a_c'", "1"),
            ("'abc', 'a_'", "0"),
            ("'abc', 'ABC'", "0"),
            ("'abc', 'a.c'", "0"),
            ("'a.c', 'a.c'", "1"),
            ("'abd', '%(b|d)%'", "1"),
            ("'abc', '(a|x)(b|y)c'", "1"),
            ("'aaa', 'a+'", "1"),
            ("'', 'a*'", "1"),
            ("'ac', 'ab?c'", "1"),
            ("'abab', '(ab){2}'", "1"),
            ("'abcabc', '[a-c]+'", "1"),
            ("'abcd', '[a-c]+'", "0"),
            ("'x9', '[^0-9][[:digit:]]'", "1"),
            ("'50%', '50\\%'", "1"),
            ("'500', '50\\%'", "0"),
            ("'a$b', 'a$b'", "1"),
            ("'a^b', 'a^b'", "1"),
            ("'a' || char(10) || 'b', 'a%b'", "1"),
            ("NULL, 'a'", nil),
            ("'a', NULL", nil),
        ] as [(String, String?)])
    func similar(arguments: String, expected: String?) async throws {
        #expect(try await Self.select("ministack_similar(\(arguments))") == expected)
    }

    static let samples = """
        CREATE TABLE sample (x REAL);
        INSERT INTO sample VALUES (2), (4), (4), (4), (NULL), (5), (5), (7), (9);
        CREATE TABLE single (x INTEGER);
        INSERT INTO single VALUES (3), (NULL);
        CREATE TABLE empty (x INTEGER);
        """

    static func aggregates(_ table: String) async throws -> [String?] {
        let driver = try SQLiteDriver.inMemory()
        try await driver.executeScript(samples)
        return try await driver.fetchRow(
            DatabaseStatement(
                sql: """
                    SELECT ministack_stddev_pop(x), ministack_var_pop(x),
                           ministack_var_samp(x), ministack_stddev_samp(x)
                    FROM \(table)
                    """))
    }

    @Test("stddev and variance aggregates skip NULLs and match Postgres")
    func dispersion() async throws {
        let row = try await Self.aggregates("sample")
        #expect(row.count == 4)
        #expect(row[0] == "2.0")
        #expect(row[1] == "4.0")
        let varianceSample = try #require(row[2].flatMap(Double.init))
        let stddevSample = try #require(row[3].flatMap(Double.init))
        #expect(abs(varianceSample - 32.0 / 7.0) < 1e-12)
        #expect(abs(stddevSample - (32.0 / 7.0).squareRoot()) < 1e-12)
    }

    @Test("sample forms need two values, population forms one; no values gives NULL")
    func insufficientInput() async throws {
        #expect(try await Self.aggregates("single") == ["0.0", "0.0", nil, nil])
        #expect(try await Self.aggregates("empty") == [nil, nil, nil, nil])
    }

    @Test("aggregates read integer and numeric text input")
    func mixedInput() async throws {
        let result = try await Self.select(
            "ministack_var_pop(v) FROM (SELECT 1 AS v UNION ALL SELECT '3' UNION ALL SELECT 2.0)")
        #expect(result.flatMap(Double.init).map { abs($0 - 2.0 / 3.0) < 1e-12 } == true)
    }
}
