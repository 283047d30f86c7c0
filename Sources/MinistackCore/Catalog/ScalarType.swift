/// A GraphQL scalar as Hasura names it for a database type.
///
/// Only `int4`, `bool`, `real`/`float4`, `text`/`varchar` map to built-in GraphQL
/// scalars; every other Postgres type keeps its own name (`bigint`, `numeric`,
/// `uuid`, `timestamptz`, `jsonb`…). SQLite declared types map to the nearest of these.
public struct ScalarType: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var name: String

    public init(_ name: String) { self.name = name }

    public var description: String { name }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.name < rhs.name }

    public static let int = ScalarType("Int")
    public static let float = ScalarType("Float")
    public static let string = ScalarType("String")
    public static let boolean = ScalarType("Boolean")
    public static let id = ScalarType("ID")
    public static let bigint = ScalarType("bigint")
    public static let smallint = ScalarType("smallint")
    public static let numeric = ScalarType("numeric")
    public static let float8 = ScalarType("float8")
    public static let uuid = ScalarType("uuid")
    public static let date = ScalarType("date")
    public static let time = ScalarType("time")
    public static let timetz = ScalarType("timetz")
    public static let timestamp = ScalarType("timestamp")
    public static let timestamptz = ScalarType("timestamptz")
    public static let json = ScalarType("json")
    public static let jsonb = ScalarType("jsonb")
    public static let bytea = ScalarType("bytea")

    /// Built into GraphQL: these need no `scalar` declaration.
    public var isBuiltIn: Bool { ["Int", "Float", "String", "Boolean", "ID"].contains(name) }

    /// Numeric types: they get `sum`, `avg`, `stddev`… aggregate fields and `_inc`.
    public var isNumeric: Bool {
        ["Int", "Float", "bigint", "smallint", "numeric", "float8", "money"].contains(name)
    }

    /// Text-like types: they get the `_like`/`_ilike`/`_regex`… operators.
    public var isText: Bool { ["String", "citext", "bpchar", "name"].contains(name) }

    /// JSON types: values are embedded JSON rather than strings.
    public var isJSON: Bool { name == "json" || name == "jsonb" }

    /// Types without a meaningful order: no `max`/`min`, no `_gt`.
    public var isComparable: Bool { !isJSON && name != "Boolean" && name != "bytea" }

    /// The Hasura scalar for a Postgres type name as `pg_type.typname` spells it.
    public static func fromPostgres(_ typeName: String) -> ScalarType {
        switch typeName {
        case "int4", "integer", "serial", "int": .int
        case "bool", "boolean": .boolean
        case "float4", "real": .float
        case "text", "varchar", "character varying": .string
        case "int8", "bigint", "bigserial": .bigint
        case "int2", "smallint": .smallint
        case "float8", "double precision": .float8
        case "numeric", "decimal": .numeric
        case "timestamp", "timestamp without time zone": .timestamp
        case "timestamptz", "timestamp with time zone": .timestamptz
        case "time", "time without time zone": .time
        case "timetz", "time with time zone": .timetz
        case "bpchar", "character": ScalarType("bpchar")
        default: ScalarType(typeName)
        }
    }

    /// The nearest Hasura scalar for a SQLite declared column type (by affinity and name).
    public static func fromSQLite(_ declaredType: String) -> ScalarType {
        let type = declaredType.uppercased().trimmingCharactersInSet()
        if type.isEmpty { return .string }
        if type.hasPrefix("BOOL") { return .boolean }
        if type.hasPrefix("BIGINT") || type.hasPrefix("INT8") || type.hasPrefix("BIGSERIAL") { return .bigint }
        if type.hasPrefix("SMALLINT") || type.hasPrefix("INT2") || type.hasPrefix("TINYINT") { return .smallint }
        if type.contains("INT") { return .int }
        if type.hasPrefix("UUID") { return .uuid }
        if type.hasPrefix("JSONB") { return .jsonb }
        if type.hasPrefix("JSON") { return .json }
        if type.hasPrefix("TIMESTAMPTZ") || type.hasPrefix("TIMESTAMP WITH TIME ZONE") { return .timestamptz }
        if type.hasPrefix("TIMESTAMP") || type.hasPrefix("DATETIME") { return .timestamp }
        if type.hasPrefix("DATE") { return .date }
        if type.hasPrefix("TIMETZ") { return .timetz }
        if type.hasPrefix("TIME") { return .time }
        if type.hasPrefix("DOUBLE") || type.hasPrefix("FLOAT8") || type.hasPrefix("FLOAT") { return .float8 }
        if type.hasPrefix("REAL") || type.hasPrefix("FLOAT4") { return .float }
        if type.hasPrefix("NUMERIC") || type.hasPrefix("DECIMAL") { return .numeric }
        if type.contains("CHAR") || type.contains("CLOB") || type.contains("TEXT") { return .string }
        if type.contains("BLOB") { return .bytea }
        return .string
    }
}

extension String {
    func trimmingCharactersInSet() -> String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return String(view)
    }
}
