import MinistackCore
import MinistackPostgres
import Testing

@Suite("Postgres fetchRow")
struct PostgresFetchRowTests {
    static let database = Task {
        try await SuiteDatabase.make(
            named: "fetch_row_tests",
            schema: """
                CREATE TYPE mood AS ENUM ('happy', 'sad');
                CREATE TABLE numbers (n numeric NOT NULL);
                INSERT INTO numbers VALUES (12345678901234567890.123456789);
                """)
    }

    func fetch(_ sql: String, _ bindings: [BoundValue] = []) async throws -> [String?] {
        try await Self.database.value.driver.fetchRow(DatabaseStatement(sql: sql, bindings: bindings))
    }

    struct Binding: Sendable, CustomTestStringConvertible {
        var value: JSONValue
        var scalar: ScalarType
        var databaseType: String
        var expected: String?
        var testDescription: String { "\(scalar) as \(databaseType)" }
    }

    @Test(
        "each kind of value binds as text through a $n::type cast",
        arguments: [
            Binding(value: .number("42"), scalar: .int, databaseType: "integer", expected: "42"),
            Binding(
                value: .number("9223372036854775807"), scalar: .bigint, databaseType: "bigint",
                expected: "9223372036854775807"),
            Binding(
                value: .number("12345678901234567890.123456789"), scalar: .numeric, databaseType: "numeric",
                expected: "12345678901234567890.123456789"),
            Binding(value: .number("1.5"), scalar: .float8, databaseType: "double precision", expected: "1.5"),
            Binding(
                value: .string("héllo; 'quoted' \"x\""), scalar: .string, databaseType: "text",
                expected: "héllo; 'quoted' \"x\""),
            Binding(value: .string("abc"), scalar: .string, databaseType: "character varying", expected: "abc"),
            Binding(value: .bool(true), scalar: .boolean, databaseType: "boolean", expected: "true"),
            Binding(value: .bool(false), scalar: .boolean, databaseType: "boolean", expected: "false"),
            Binding(
                value: .string("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"), scalar: .uuid, databaseType: "uuid",
                expected: "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
            Binding(
                value: .string("2024-01-02T05:04:05.123456+02:00"), scalar: .timestamptz,
                databaseType: "timestamp with time zone", expected: "2024-01-02 03:04:05.123456+00"),
            Binding(value: .string("2024-02-29"), scalar: .date, databaseType: "date", expected: "2024-02-29"),
            Binding(
                value: .fields([("a", .number("1")), ("b", .array([.bool(true), .null]))]), scalar: .jsonb,
                databaseType: "jsonb", expected: #"{"a": 1, "b": [true, null]}"#),
            Binding(
                value: .string("happy"), scalar: ScalarType("mood"), databaseType: "public.mood", expected: "happy"),
            Binding(value: .null, scalar: .int, databaseType: "integer", expected: nil),
        ])
    func binding(_ binding: Binding) async throws {
        let row = try await fetch(
            "SELECT ($1::\(binding.databaseType))::text", [BoundValue(binding.value, as: binding.scalar)])
        #expect(row == [binding.expected])
    }

    @Test("json_build_object renders timestamptz in UTC with microseconds and an offset")
    func timestamptzInJSON() async throws {
        let row = try await fetch(
            "SELECT json_build_object('at', $1::timestamp with time zone)::text",
            [BoundValue(.string("2024-01-02 12:04:05.123456-09:00"), as: .timestamptz)])
        #expect(row == [#"{"at" : "2024-01-02T21:04:05.123456+00:00"}"#])
    }

    @Test("numeric keeps every digit, bound or stored, in text and in JSON")
    func exactNumeric() async throws {
        let digits = "12345678901234567890.123456789"
        let bound = try await fetch(
            "SELECT json_build_object('n', $1::numeric)::text, ($1::numeric = (SELECT n FROM numbers))::text",
            [BoundValue(.number(digits), as: .numeric)])
        #expect(bound == [#"{"n" : 12345678901234567890.123456789}"#, "true"])
        let stored = try await fetch("SELECT (SELECT json_agg(n) FROM numbers)::text")
        #expect(stored == ["[12345678901234567890.123456789]"])
    }

    @Test("several columns, NULL as nil, and no row as an empty array")
    func shapes() async throws {
        #expect(try await fetch("SELECT 'a'::text, NULL::text, '{\"x\": 1}'::jsonb::text") == ["a", nil, #"{"x": 1}"#])
        #expect(try await fetch("SELECT 'a'::text WHERE false") == [])
    }

    @Test("non-text result columns of common types are rendered too")
    func nonTextColumns() async throws {
        let row = try await fetch("SELECT 1, 2::bigint, true, '{\"k\": 2}'::jsonb, '{}'::json")
        #expect(row == ["1", "2", "true", #"{"k": 2}"#, "{}"])
    }

    @Test("ping answers")
    func ping() async throws {
        try await Self.database.value.driver.ping()
    }
}
