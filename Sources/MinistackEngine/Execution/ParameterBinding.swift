import MinistackCore
import OrderedCollections

/// Reads each parameter's value for this request from its source.
enum ParameterBinding {
    static func bind(_ statement: PreparedStatement, variables: [String: JSONValue], session: Session)
        -> DatabaseStatement
    {
        DatabaseStatement(
            sql: statement.sql,
            bindings: statement.parameters.map {
                BoundValue(value(of: $0.source, variables: variables, session: session), as: $0.scalar)
            })
    }

    static func value(of source: ParameterSource, variables: [String: JSONValue], session: Session) -> JSONValue {
        switch source {
        case .literal(let value):
            return value
        case .session(let name):
            return session.variable(name).map(JSONValue.string) ?? .null
        case .variable(let name, let path):
            var current = variables[name] ?? .null
            for step in path {
                switch (step, current) {
                case (.key(let key), .object(let fields)): current = fields[key] ?? .null
                case (.index(let index), .array(let items)) where items.indices.contains(index): current = items[index]
                // A single value given where a list was declared counts as a one-item list.
                case (.index(0), let single) where single.arrayValue == nil: current = single
                default: current = .null
                }
            }
            return current
        }
    }
}
