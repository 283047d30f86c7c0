/// How a GraphQL scalar appears in generated Python: the type annotation, a value that passes
/// validation (for the placeholder answer), and, for scalars Python has no name for, a note
/// beside the module-level alias the models use.
///
/// The choice: a scalar becomes the Python type of the JSON value Hasura sends and expects,
/// not a parsed type, so what the handler reads is what Hasura wrote and what it returns
/// reaches Hasura unchanged. GraphQL's own scalars map to `int`, `float`, `str` (`String`,
/// `ID`) and `bool`. Database scalars that Postgres writes as JSON strings (`uuid`, `date`,
/// `timestamptz`, `citext`, `bytea`…) are `str`; integer and float ones are `int` and `float`;
/// `numeric` (a number, or a string when Hasura stringifies numerics), `json`/`jsonb`, custom
/// scalars and database scalars ministack does not know are `Any`. Each non-GraphQL scalar
/// gets an alias (`timestamptz = str`), so a user narrows it (to `datetime`, `Decimal`…) in one place.
struct PythonScalar: Sendable, Hashable {
    var annotation: String
    var placeholder: String
    var note: String?

    init(_ annotation: String, _ placeholder: String, _ note: String? = nil) {
        self.annotation = annotation
        self.placeholder = placeholder
        self.note = note
    }

    static func of(_ type: ActionTypeGraph.NamedType) -> PythonScalar? {
        switch type {
        case .builtInScalar(let name): builtIn[name]
        case .databaseScalar(let name):
            database[name] ?? PythonScalar("Any", "\"\"", "database type \(name): any JSON value")
        case .customScalar(let scalar):
            PythonScalar("Any", "\"\"", scalar.description ?? "custom scalar: any JSON value")
        case .enumeration, .model: nil
        }
    }

    private static let builtIn: [String: PythonScalar] = [
        "Int": PythonScalar("int", "0"), "Float": PythonScalar("float", "0.0"),
        "String": PythonScalar("str", "\"\""), "ID": PythonScalar("str", "\"\""),
        "Boolean": PythonScalar("bool", "False"),
    ]

    private static let database: [String: PythonScalar] = [
        "bigint": PythonScalar("int", "0", "Postgres bigint"),
        "smallint": PythonScalar("int", "0", "Postgres smallint"),
        "oid": PythonScalar("int", "0", "Postgres oid"),
        "float8": PythonScalar("float", "0.0", "Postgres double precision"),
        "numeric": PythonScalar("Any", "0", "Postgres numeric: a JSON number, or a string if numerics are stringified"),
        "money": PythonScalar("str", "\"$0.00\"", "Postgres money, as text"),
        "uuid": PythonScalar("str", "\"00000000-0000-0000-0000-000000000000\"", "Postgres uuid"),
        "date": PythonScalar("str", "\"1970-01-01\"", "Postgres date: YYYY-MM-DD"),
        "time": PythonScalar("str", "\"00:00:00\"", "Postgres time without time zone"),
        "timetz": PythonScalar("str", "\"00:00:00+00\"", "Postgres time with time zone"),
        "timestamp": PythonScalar("str", "\"1970-01-01T00:00:00\"", "Postgres timestamp: ISO 8601, no time zone"),
        "timestamptz": PythonScalar(
            "str", "\"1970-01-01T00:00:00+00:00\"", "Postgres timestamptz: ISO 8601 with a time zone"),
        "interval": PythonScalar("str", "\"00:00:00\"", "Postgres interval, as text"),
        "bytea": PythonScalar("str", "\"\\\\x\"", "Postgres bytea: hex text such as \\x00ff"),
        "bpchar": PythonScalar("str", "\"\"", "Postgres character(n)"),
        "citext": PythonScalar("str", "\"\"", "Postgres citext"),
        "name": PythonScalar("str", "\"\"", "Postgres name"),
        "inet": PythonScalar("str", "\"127.0.0.1\"", "Postgres inet"),
        "json": PythonScalar("Any", "{}", "Postgres json: any JSON value"),
        "jsonb": PythonScalar("Any", "{}", "Postgres jsonb: any JSON value"),
    ]
}
