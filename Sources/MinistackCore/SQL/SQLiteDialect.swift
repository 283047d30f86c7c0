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
        return column
    }

    public func resultColumn(_ value: SQL) -> SQL { value }

    public func table(_ name: QualifiedTableName) -> SQL {
        name.schema == "main" ? "\(ident: name.name)" : "\(ident: name.schema).\(ident: name.name)"
    }
}
