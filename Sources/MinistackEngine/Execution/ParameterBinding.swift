import MinistackCore
import OrderedCollections

/// Reads each parameter's value for this request from its source.
enum ParameterBinding {
    /// Fails with Hasura's `not-found` when a permission needs a session variable the request lacks.
    static func bind(_ statement: PreparedStatement, variables: [String: JSONValue], session: Session)
        throws(HasuraError) -> DatabaseStatement
    {
        var bindings: [BoundValue] = []
        for parameter in statement.parameters {
            switch parameter.source {
            case .session(let name), .sessionList(let name):
                guard let text = session.variable(name) else {
                    throw HasuraError(.notFound, "missing session variable: \"\(name)\"")
                }
                if case .sessionList = parameter.source, SessionList.elements(of: text) == nil {
                    throw HasuraError(
                        .parseFailed,
                        "session variable \"\(name)\" should be a list, such as {1,2} or [1,2]; found \"\(text)\"")
                }
            case .literal, .variable:
                break
            }
            bindings.append(
                BoundValue(value(of: parameter.source, variables: variables, session: session), as: parameter.scalar))
        }
        return DatabaseStatement(sql: statement.sql, bindings: bindings)
    }

    static func value(of source: ParameterSource, variables: [String: JSONValue], session: Session) -> JSONValue {
        switch source {
        case .literal(let value):
            return value
        case .session(let name):
            return session.variable(name).map(JSONValue.string) ?? .null
        case .sessionList(let name):
            return session.variable(name).flatMap(SessionList.elements(of:)).map(JSONValue.array) ?? .null
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
