/// A fragment of SQL under construction: literal text written in this package's source,
/// identifiers (quoted by the dialect when rendered) and bound parameters.
///
/// Text from outside (a request, metadata) can only enter as an identifier or a parameter:
/// string interpolation accepts `SQL`, `ident:` and `param:` only. The one way to add
/// computed text is `SQL.unsafeRaw(_:)`, kept for text the compiler derived itself
/// (numbers, keywords chosen by a switch).
public struct SQL: Sendable, Hashable {
    enum Part: Sendable, Hashable {
        case text(String)
        case identifier(String)
        case parameter(SQLParameter)
    }

    var parts: [Part]

    init(parts: [Part]) { self.parts = parts }

    public static let empty = SQL(parts: [])

    /// Text the compiler computed itself (never request or metadata content).
    public static func unsafeRaw(_ text: String) -> SQL { SQL(parts: [.text(text)]) }

    public static func identifier(_ name: String) -> SQL { SQL(parts: [.identifier(name)]) }

    public static func parameter(_ parameter: SQLParameter) -> SQL { SQL(parts: [.parameter(parameter)]) }

    public var isEmpty: Bool { parts.isEmpty }

    public mutating func append(_ other: SQL) { parts += other.parts }

    public static func + (lhs: SQL, rhs: SQL) -> SQL { SQL(parts: lhs.parts + rhs.parts) }
}

extension SQL: ExpressibleByStringInterpolation {
    public init(stringLiteral value: String) { self.init(parts: [.text(value)]) }

    public init(stringInterpolation: StringInterpolation) { self.init(parts: stringInterpolation.parts) }

    /// Interpolation that only accepts SQL fragments, identifiers and parameters.
    public struct StringInterpolation: StringInterpolationProtocol {
        var parts: [Part] = []

        public init(literalCapacity: Int, interpolationCount: Int) {}

        public mutating func appendLiteral(_ literal: String) {
            if !literal.isEmpty { parts.append(.text(literal)) }
        }

        public mutating func appendInterpolation(_ sql: SQL) { parts += sql.parts }

        public mutating func appendInterpolation(ident name: String) { parts.append(.identifier(name)) }

        public mutating func appendInterpolation(param: SQLParameter) { parts.append(.parameter(param)) }
    }
}

extension Sequence where Element == SQL {
    /// The fragments joined by `separator` (e.g. `", "`, `" AND "`).
    public func joined(separator: SQL) -> SQL {
        var result = SQL.empty
        for (index, element) in enumerated() {
            if index > 0 { result.append(separator) }
            result.append(element)
        }
        return result
    }
}

/// A placeholder in SQL and where its value comes from when the statement runs.
///
/// Plans are cached and reused with new variable values, so a parameter records the
/// *source* of its value (a literal in the document, a variable path, a session variable),
/// not the value itself.
public struct SQLParameter: Sendable, Hashable {
    public var source: ParameterSource
    /// The scalar the value is compared with; decides encoding and the Postgres cast.
    public var scalar: ScalarType
    /// The database type to cast to on Postgres (`integer`, `timestamp with time zone`…).
    public var databaseType: String

    public init(source: ParameterSource, scalar: ScalarType, databaseType: String) {
        self.source = source
        self.scalar = scalar
        self.databaseType = databaseType
    }
}

/// Where a parameter's value is read from at execution time.
public enum ParameterSource: Sendable, Hashable {
    /// A constant from the document (or computed by the planner).
    case literal(JSONValue)
    /// The value at `path` inside variable `name` (path: object keys and list indices).
    case variable(name: String, path: [JSONPathComponent])
    /// A session variable, by lower-cased name (`x-hasura-user-id`).
    case session(String)
    /// A session variable holding a list (see `SessionList`), bound as a JSON array.
    case sessionList(String)
}

/// One step into a JSON value.
public enum JSONPathComponent: Sendable, Hashable {
    case key(String)
    case index(Int)
}
