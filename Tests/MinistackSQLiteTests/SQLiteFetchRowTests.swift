import MinistackCore
import MinistackSQLite
import Testing

@Suite("SQLite fetchRow")
struct SQLiteFetchRowTests {
    static func driver(_ script: String? = nil) async throws -> SQLiteDriver {
        let driver = try SQLiteDriver.inMemory()
        if let script { try await driver.executeScript(script) }
        return driver
    }

    /// Binds one value and returns what SQLite received: the value's text and its storage class.
    static func bind(_ value: JSONValue, as scalar: ScalarType) async throws -> [String?] {
        let driver = try await driver()
        return try await driver.fetchRow(
            DatabaseStatement(sql: "SELECT ?1, typeof(?1)", bindings: [BoundValue(value, as: scalar)]))
    }

    @Test(
        "each binding kind reaches SQLite with the storage class of its scalar",
        arguments: [
            (JSONValue.number("42"), ScalarType.int, ["42", "integer"]),
            (.string("-7"), .bigint, ["-7", "integer"]),
            (.number("9223372036854775807"), .bigint, ["9223372036854775807", "integer"]),
            (.number("3"), .smallint, ["3", "integer"]),
            (.number("1.5"), .float, ["1.5", "real"]),
            (.string("2.25"), .float8, ["2.25", "real"]),
            (.bool(true), .boolean, ["1", "integer"]),
            (.bool(false), .boolean, ["0", "integer"]),
            (.string("true"), .boolean, ["1", "integer"]),
            (.string("false"), .boolean, ["0", "integer"]),
            (.number("12.50"), .numeric, ["12.50", "text"]),
            (.string("3.14159265358979323846"), .numeric, ["3.14159265358979323846", "text"]),
            (.string("hello"), .string, ["hello", "text"]),
            (.string("3f0e8c9a-0000-4000-8000-000000000001"), .uuid, ["3f0e8c9a-0000-4000-8000-000000000001", "text"]),
            (.string("2024-01-02T03:04:05Z"), .timestamptz, ["2024-01-02T03:04:05+00:00", "text"]),
            (.number("5"), .string, ["5", "text"]),
            (.null, .int, [nil, "null"]),
            (.null, .jsonb, [nil, "null"]),
        ] as [(JSONValue, ScalarType, [String?])])
    func bindingKinds(value: JSONValue, scalar: ScalarType, expected: [String?]) async throws {
        #expect(try await Self.bind(value, as: scalar) == expected)
    }

    @Test("JSON values bind as their JSON text, re-marked as JSON by json(?)")
    func jsonBinding() async throws {
        let driver = try await Self.driver()
        let value = JSONValue.fields([("x", .number("1")), ("y", .array([.bool(true), .null, .string("a\"b")]))])
        let row = try await driver.fetchRow(
            DatabaseStatement(
                sql: "SELECT json_object('value', json(?), 'text', json(?))",
                bindings: [BoundValue(value, as: .jsonb), BoundValue(.string("plain"), as: .json)]))
        #expect(row == [#"{"value":{"x":1,"y":[true,null,"a\"b"]},"text":"plain"}"#])
    }

    @Test(
        "values that cannot be the scalar fail with Postgres's wording before running",
        arguments: [
            (JSONValue.string("abc"), ScalarType.int, #"invalid input syntax for type integer: "abc""#),
            (.number("1.5"), .bigint, #"invalid input syntax for type bigint: "1.5""#),
            (.bool(true), .int, #"invalid input syntax for type integer: "true""#),
            (.string("x"), .float8, #"invalid input syntax for type double precision: "x""#),
            (.string("yes"), .boolean, #"invalid input syntax for type boolean: "yes""#),
            (.number("1"), .boolean, #"invalid input syntax for type boolean: "1""#),
            (.string("12,5"), .numeric, #"invalid input syntax for type numeric: "12,5""#),
        ] as [(JSONValue, ScalarType, String)])
    func invalidBindings(value: JSONValue, scalar: ScalarType, message: String) async throws {
        await #expect(throws: DriverError.dataException(message)) {
            try await Self.bind(value, as: scalar)
        }
    }

    @Test("numeric text is converted by the column's NUMERIC affinity and compares as a number")
    func numericAffinity() async throws {
        let driver = try await Self.driver("CREATE TABLE price (amount NUMERIC NOT NULL)")
        let inserted = try await driver.fetchRow(
            DatabaseStatement(
                sql: "INSERT INTO price (amount) VALUES (?) RETURNING amount, typeof(amount)",
                bindings: [BoundValue(.number("12.50"), as: .numeric)]))
        #expect(inserted == ["12.5", "real"])
        let matched = try await driver.fetchRow(
            DatabaseStatement(
                sql: "SELECT count(*) FROM price WHERE amount = ?",
                bindings: [BoundValue(.string("12.500"), as: .numeric)]))
        #expect(matched == ["1"])
    }

    @Test("columns come back as SQLite's text, NULL as nil")
    func columnRendering() async throws {
        let driver = try await Self.driver()
        let row = try await driver.fetchRow(DatabaseStatement(sql: "SELECT 7, 1.5, 2.0, 'text', NULL, x'6869'"))
        #expect(row == ["7", "1.5", "2.0", "text", nil, "hi"])
    }

    @Test("a statement with no row gives an empty array; only the first row is read")
    func rowCount() async throws {
        let driver = try await Self.driver("CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1), (2);")
        #expect(try await driver.fetchRow(DatabaseStatement(sql: "SELECT v FROM t WHERE v > 5")) == [])
        #expect(try await driver.fetchRow(DatabaseStatement(sql: "SELECT v FROM t ORDER BY v DESC")) == ["2"])
    }

    @Test("the database builds the JSON: json_object / json_group_array come back unchanged")
    func jsonObjectResult() async throws {
        let driver = try await Self.driver(
            """
            CREATE TABLE author (id INTEGER PRIMARY KEY, name TEXT NOT NULL, active BOOLEAN NOT NULL);
            INSERT INTO author VALUES (1, 'Ada', 1), (2, 'Grace', 0), (3, 'Edsger', 1);
            """)
        let sql = """
            SELECT json_object('author', json_group_array(json_object(
                'id', id, 'name', name,
                'active', CASE WHEN active IS NULL THEN NULL WHEN active THEN json('true') ELSE json('false') END)))
            FROM (SELECT * FROM author WHERE active = ? AND id >= ? ORDER BY id)
            """
        let row = try await driver.fetchRow(
            DatabaseStatement(
                sql: sql, bindings: [BoundValue(.bool(true), as: .boolean), BoundValue(.number("1"), as: .int)]))
        #expect(row == [#"{"author":[{"id":1,"name":"Ada","active":true},{"id":3,"name":"Edsger","active":true}]}"#])
    }

    @Test("a writing statement runs on the writer and is committed")
    func writingStatement() async throws {
        let driver = try await Self.driver("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
        let inserted = try await driver.fetchRow(
            DatabaseStatement(
                sql: "INSERT INTO note (body) VALUES (?) RETURNING json_object('id', id, 'body', body)",
                bindings: [BoundValue(.string("first"), as: .string)]))
        #expect(inserted == [#"{"id":1,"body":"first"}"#])
        #expect(try await driver.fetchRow(DatabaseStatement(sql: "SELECT count(*) FROM note")) == ["1"])
    }

    @Test("LIKE is case-sensitive, as in Postgres")
    func caseSensitiveLike() async throws {
        let driver = try await Self.driver()
        let row = try await driver.fetchRow(
            DatabaseStatement(sql: "SELECT 'Hello' LIKE 'hello', 'Hello' LIKE 'H%', lower('Hello') LIKE lower('hELLO')")
        )
        #expect(row == ["0", "1", "1"])
    }

    @Test("ping answers on a live database")
    func ping() async throws {
        let driver = try await Self.driver()
        try await driver.ping()
        #expect(driver.kind == .sqlite)
        await driver.shutdown()
    }
}
