/// SQLite: `?` placeholders with typed bindings, `json_object` / `json_group_array`.
///
/// SQLite forgets that a value is JSON once it passes through a subquery, so nested
/// results are re-marked with `json(…)`. Booleans are stored as 0/1 and rendered as
/// JSON `true`/`false`.
public struct SQLiteDialect: SQLDialect {
    public init() {}

    public var kind: DatabaseKind { .sqlite }

    /// SQLite functions take at most 127 arguments by default; wider objects are patched together.
    static let maximumObjectPairs = 60

    public func placeholder(_ index: Int, _ parameter: SQLParameter) -> String {
        parameter.scalar.isJSON ? "json(?)" : "?"
    }

    public func jsonArrayElements(_ array: SQL, as databaseType: String) -> SQL {
        "SELECT value FROM json_each(\(array))"
    }

    public func jsonObject(_ pairs: [(key: String, value: SQL)]) -> SQL {
        let chunks = stride(from: 0, to: max(pairs.count, 1), by: Self.maximumObjectPairs).map { start in
            let chunk = pairs[start..<min(start + Self.maximumObjectPairs, pairs.count)]
            let arguments = chunk.map { SQL.nameLiteral($0.key) + ", " + $0.value }
            return "json_object(\(arguments.joined(separator: ", ")))" as SQL
        }
        return chunks.dropFirst().reduce(chunks[0]) { "json_patch(\($0), \($1))" }
    }

    public func jsonArrayAggregate(_ value: SQL, orderBy: [SQL]) -> SQL {
        // SQLite 3.40 has no ORDER BY inside aggregates: rows arrive in the subquery's order.
        "json_group_array(json(\(value)))"
    }

    public func embedJSON(_ value: SQL) -> SQL { "json(\(value))" }

    public func columnValue(_ column: SQL, scalar: ScalarType) -> SQL {
        if scalar == .boolean {
            return "CASE WHEN \(column) IS NULL THEN NULL WHEN \(column) THEN json('true') ELSE json('false') END"
        }
        if scalar.isJSON { return "json(\(column))" }
        if scalar == .float || scalar == .float8 { return "json(ministack_float(\(column)))" }
        return column
    }

    public func resultColumn(_ value: SQL) -> SQL { value }

    public func table(_ name: QualifiedTableName) -> SQL {
        name.schema == "main" ? "\(ident: name.name)" : "\(ident: name.schema).\(ident: name.name)"
    }

    public func textOrJSONComparison(_ op: ComparisonOperator, _ left: SQL, _ right: SQL) -> SQL {
        switch op {
        case .like: "\(left) LIKE \(right) ESCAPE '\\'"
        case .nlike: "\(left) NOT LIKE \(right) ESCAPE '\\'"
        case .ilike: "lower(\(left)) LIKE lower(\(right)) ESCAPE '\\'"
        case .nilike: "lower(\(left)) NOT LIKE lower(\(right)) ESCAPE '\\'"
        case .similar: "ministack_similar(\(left), \(right))"
        case .nsimilar: "NOT ministack_similar(\(left), \(right))"
        case .regex: "ministack_regexp(\(left), \(right), '')"
        case .nregex: "NOT ministack_regexp(\(left), \(right), '')"
        case .iregex: "ministack_regexp(\(left), \(right), 'i')"
        case .niregex: "NOT ministack_regexp(\(left), \(right), 'i')"
        default: "\(left) = \(right)"
        }
    }

    public func jsonKeysComparison(_ op: ComparisonOperator, _ left: SQL, _ keys: [SQL]) -> SQL {
        // Not offered on SQLite (the schema has no jsonb key operators there).
        "(1 = 0)"
    }

    public func aggregate(_ function: AggregateFunction, _ argument: SQL) -> SQL {
        switch function {
        case .avg, .max, .min, .sum: .unsafeRaw(function.rawValue) + "(\(argument))"
        case .stddev, .stddev_samp: "ministack_stddev_samp(\(argument))"
        case .stddev_pop: "ministack_stddev_pop(\(argument))"
        case .variance, .var_samp: "ministack_var_samp(\(argument))"
        case .var_pop: "ministack_var_pop(\(argument))"
        }
    }

    public func tuple(_ values: [SQL]) -> SQL { "json_array(\(values.joined(separator: ", ")))" }

    public func castToText(_ value: SQL) -> SQL { "CAST(\(value) AS TEXT)" }

    public func smallest(_ first: SQL, _ second: SQL) -> SQL { "min(\(first), \(second))" }
}
