/// The differences between Postgres and SQLite SQL, in one place.
///
/// The compiler builds the same tree for both; a dialect chooses quoting, placeholders,
/// JSON constructors and the operators one database lacks.
public protocol SQLDialect: Sendable {
    var kind: DatabaseKind { get }

    /// `"name"` with embedded quotes doubled.
    func quote(identifier: String) -> String

    /// The placeholder for the `index`-th parameter (1-based) with its cast.
    func placeholder(_ index: Int, _ parameter: SQLParameter) -> String

    /// `json_build_object(k, v, …)` / `json_object(k, v, …)`.
    func jsonObject(_ pairs: [(key: String, value: SQL)]) -> SQL

    /// Aggregates a column of JSON values into an array, `[]` when empty, in `orderBy` order.
    func jsonArrayAggregate(_ value: SQL, orderBy: [SQL]) -> SQL

    /// A nested JSON value (a scalar subquery's result) usable inside `jsonObject`.
    func embedJSON(_ value: SQL) -> SQL

    /// A column as JSON in the format Hasura returns for its scalar.
    func columnValue(_ column: SQL, scalar: ScalarType) -> SQL

    /// The text of the whole result column as the driver reads it.
    func resultColumn(_ value: SQL) -> SQL

    /// The SQL for a table reference.
    func table(_ name: QualifiedTableName) -> SQL

    /// A text, regex or JSON operator (`_like`, `_iregex`, `_contains`…) applied to `left` and `right`.
    func textOrJSONComparison(_ op: ComparisonOperator, _ left: SQL, _ right: SQL) -> SQL

    /// A subquery listing a JSON array's elements as `databaseType` values (for `IN`).
    func jsonArrayElements(_ array: SQL, as databaseType: String) -> SQL

    /// `_has_keys_any` / `_has_keys_all` (Postgres only).
    func jsonKeysComparison(_ op: ComparisonOperator, _ left: SQL, _ keys: [SQL]) -> SQL

    /// An aggregate function over `argument`.
    func aggregate(_ function: AggregateFunction, _ argument: SQL) -> SQL

    /// A value standing for a tuple of columns, for `count(DISTINCT …)` over several columns.
    func tuple(_ values: [SQL]) -> SQL

    /// A column compared as text (`jsonb _cast: {String: …}`).
    func castToText(_ value: SQL) -> SQL

    /// The smaller of two numbers (`LEAST` on Postgres, `min` on SQLite).
    func smallest(_ first: SQL, _ second: SQL) -> SQL
}

extension SQLDialect {
    /// The proposed value of a column in `ON CONFLICT … DO UPDATE` (`EXCLUDED."col"`).
    func excluded(_ column: String) -> SQL { "EXCLUDED.\(ident: column)" }
}

extension SQLDialect {
    /// Renders a fragment to text plus its parameters in placeholder order.
    public func render(_ sql: SQL) -> PreparedStatement {
        var text = ""
        var parameters: [SQLParameter] = []
        for part in sql.parts {
            switch part {
            case .text(let literal): text += literal
            case .identifier(let name): text += quote(identifier: name)
            case .parameter(let parameter):
                parameters.append(parameter)
                text += placeholder(parameters.count, parameter)
            }
        }
        return PreparedStatement(sql: text, parameters: parameters)
    }

    public func quote(identifier: String) -> String {
        "\"" + identifier.replacingAll("\"", with: "\"\"") + "\""
    }
}

/// Rendered SQL whose parameter values are still to be read from a request.
public struct PreparedStatement: Sendable, Hashable {
    public var sql: String
    public var parameters: [SQLParameter]

    public init(sql: String, parameters: [SQLParameter]) {
        self.sql = sql
        self.parameters = parameters
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        out.reserveCapacity(count)
        for character in self {
            if character == target { out += replacement } else { out.append(character) }
        }
        return out
    }
}
