/// Postgres: `$n::type` placeholders (values travel as text and are cast by the server),
/// `json_build_object` / `json_agg`.
public struct PostgresDialect: SQLDialect {
    public init() {}

    public var kind: DatabaseKind { .postgres }

    /// `json_build_object` takes at most 100 arguments; wider objects use `row_to_json`.
    static let maximumObjectPairs = 50

    public func placeholder(_ index: Int, _ parameter: SQLParameter) -> String {
        "$\(index)::\(parameter.databaseType)"
    }

    public func jsonObject(_ pairs: [(key: String, value: SQL)]) -> SQL {
        if pairs.count <= Self.maximumObjectPairs {
            let arguments = pairs.map { SQL.nameLiteral($0.key) + ", " + $0.value }
            return "json_build_object(\(arguments.joined(separator: ", ")))"
        }
        let columns = pairs.map { "\($0.value) AS \(ident: $0.key)" as SQL }
        return "(SELECT row_to_json(\"_wide\") FROM (SELECT \(columns.joined(separator: ", "))) AS \"_wide\")"
    }

    public func jsonArrayAggregate(_ value: SQL, orderBy: [SQL]) -> SQL {
        if orderBy.isEmpty { return "coalesce(json_agg(\(value)), '[]')" }
        return "coalesce(json_agg(\(value) ORDER BY \(orderBy.joined(separator: ", "))), '[]')"
    }

    public func embedJSON(_ value: SQL) -> SQL { value }

    public func columnValue(_ column: SQL, scalar: ScalarType) -> SQL { column }

    public func resultColumn(_ value: SQL) -> SQL { "(\(value))::text" }

    public func table(_ name: QualifiedTableName) -> SQL { "\(ident: name.schema).\(ident: name.name)" }

    public func jsonArrayElements(_ array: SQL, as databaseType: String) -> SQL {
        // The type comes from the catalog, as in `placeholder`.
        "SELECT (jsonb_array_elements_text(\(array)))::" + SQL(stringLiteral: databaseType)
    }

    public func textOrJSONComparison(_ op: ComparisonOperator, _ left: SQL, _ right: SQL) -> SQL {
        switch op {
        case .like: "\(left) LIKE \(right)"
        case .nlike: "\(left) NOT LIKE \(right)"
        case .ilike: "\(left) ILIKE \(right)"
        case .nilike: "\(left) NOT ILIKE \(right)"
        case .similar: "\(left) SIMILAR TO \(right)"
        case .nsimilar: "\(left) NOT SIMILAR TO \(right)"
        case .regex: "\(left) ~ \(right)"
        case .nregex: "\(left) !~ \(right)"
        case .iregex: "\(left) ~* \(right)"
        case .niregex: "\(left) !~* \(right)"
        case .contains: "\(left) @> \(right)"
        case .containedIn: "\(left) <@ \(right)"
        case .hasKey: "\(left) ? \(right)"
        default: "\(left) = \(right)"
        }
    }

    public func jsonKeysComparison(_ op: ComparisonOperator, _ left: SQL, _ keys: [SQL]) -> SQL {
        let array: SQL = keys.isEmpty ? "ARRAY[]::text[]" : "ARRAY[\(keys.joined(separator: ", "))]"
        return op == .hasKeysAll ? "\(left) ?& \(array)" : "\(left) ?| \(array)"
    }

    public func aggregate(_ function: AggregateFunction, _ argument: SQL) -> SQL {
        .unsafeRaw(function.rawValue) + "(\(argument))"
    }

    public func tuple(_ values: [SQL]) -> SQL { "ROW(\(values.joined(separator: ", ")))" }

    public func castToText(_ value: SQL) -> SQL { "(\(value))::text" }

    public func smallest(_ first: SQL, _ second: SQL) -> SQL { "LEAST(\(first), \(second))" }
}
