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
            bindings.append(
                BoundValue(
                    try value(of: parameter.source, variables: variables, session: session), as: parameter.scalar))
        }
        return DatabaseStatement(sql: statement.sql, bindings: bindings)
    }

    /// The value of one parameter; a permission's session variable the request lacks, or a list
    /// variable that is not a list, fails.
    static func value(of source: ParameterSource, variables: [String: JSONValue], session: Session)
        throws(HasuraError) -> JSONValue
    {
        switch source {
        case .literal(let value):
            return value
        case .session(let name):
            return .string(try sessionVariable(name, session))
        case .sessionList(let name):
            let text = try sessionVariable(name, session)
            guard let elements = SessionList.elements(of: text) else {
                throw HasuraError(
                    .parseFailed,
                    "session variable \"\(name)\" should be a list, such as {1,2} or [1,2]; found \"\(text)\"")
            }
            return .array(elements)
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

    static func sessionVariable(_ name: String, _ session: Session) throws(HasuraError) -> String {
        guard let text = session.variable(name) else {
            throw HasuraError(.notFound, "missing session variable: \"\(name)\"")
        }
        return text
    }
}
