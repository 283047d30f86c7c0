/// How a GraphQL scalar appears in generated TypeScript: the type, and a placeholder value.
///
/// The same choice as `PythonScalar`: the type of the JSON value Hasura sends and expects.
/// `Int`/`Float` and the database's integer and float types are `number`; `String`, `ID` and
/// the database types Postgres writes as strings are `string`; `Boolean` is `boolean`;
/// `numeric` is `number | string`; `json`/`jsonb`, custom scalars and unknown database
/// scalars are `any`. Non-GraphQL scalars get an exported alias (`export type uuid = string`).
struct TypeScriptScalar: Sendable, Hashable {
    var type: String
    var placeholder: String

    init(_ type: String, _ placeholder: String) {
        self.type = type
        self.placeholder = placeholder
    }

    static func of(_ named: ActionTypeGraph.NamedType) -> TypeScriptScalar? {
        switch named {
        case .builtInScalar(let name), .databaseScalar(let name):
            if let scalar = known[name] { return scalar }
            guard let python = PythonScalar.of(named) else { return nil }
            return TypeScriptScalar("any", python.placeholder)
        case .customScalar: return TypeScriptScalar("any", "\"\"")
        case .enumeration, .model: return nil
        }
    }

    private static let known: [String: TypeScriptScalar] = {
        var table: [String: TypeScriptScalar] = [
            "Int": TypeScriptScalar("number", "0"), "Float": TypeScriptScalar("number", "0"),
            "String": TypeScriptScalar("string", "\"\""), "ID": TypeScriptScalar("string", "\"\""),
            "Boolean": TypeScriptScalar("boolean", "false"),
            "numeric": TypeScriptScalar("number | string", "0"),
            "json": TypeScriptScalar("any", "{}"), "jsonb": TypeScriptScalar("any", "{}"),
        ]
        // The database scalars `PythonScalar` maps to int, float or str, with the same placeholders
        // (Python's double-quoted literals read the same in TypeScript).
        for name in ["bigint", "smallint", "oid", "float8"] {
            table[name] = TypeScriptScalar("number", "0")
        }
        for name in [
            "money", "uuid", "date", "time", "timetz", "timestamp", "timestamptz", "interval", "bytea", "bpchar",
            "citext", "name", "inet",
        ] {
            table[name] = TypeScriptScalar("string", PythonScalar.of(.databaseScalar(name))?.placeholder ?? "\"\"")
        }
        return table
    }()
}
