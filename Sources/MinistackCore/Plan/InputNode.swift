import GraphQL

/// An argument value with variables substituted, remembering where each part came from,
/// so scalars become parameters that read the variable again on the next request.
struct InputNode {
    enum Value {
        case null
        case scalar(JSONValue)
        case enumValue(String)
        case list([InputNode])
        case object([(key: String, node: InputNode)])
    }

    var value: Value
    /// `.variable` for values taken from variables; `.literal` for document literals.
    var source: ParameterSource
    /// A literal list or object with variables inside: its JSON depends on this request's values.
    var embedsVariables: Bool

    var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    /// The whole value as JSON, with this request's variable values.
    var json: JSONValue {
        switch value {
        case .null: .null
        case .scalar(let json): json
        case .enumValue(let name): .string(name)
        case .list(let items): .array(items.map(\.json))
        case .object(let fields): .fields(fields.map { ($0.key, $0.node.json) })
        }
    }

    /// The name of an enum value, given as a literal enum or a variable's string.
    var enumName: String? {
        switch value {
        case .enumValue(let name): name
        case .scalar(.string(let name)): name
        default: nil
        }
    }

    /// The items of a list; a single value where a list is expected counts as a one-item list.
    var listItems: [InputNode] {
        switch value {
        case .list(let items): items
        case .null: []
        default: [self]
        }
    }

    /// A value from a variable, with every part's path inside that variable.
    static func fromVariable(_ json: JSONValue, name: String, path: [JSONPathComponent] = []) -> InputNode {
        let source = ParameterSource.variable(name: name, path: path)
        switch json {
        case .null: return InputNode(value: .null, source: source, embedsVariables: false)
        case .array(let items):
            return InputNode(
                value: .list(items.enumerated().map { fromVariable($1, name: name, path: path + [.index($0)]) }),
                source: source, embedsVariables: false)
        case .object(let fields):
            return InputNode(
                value: .object(
                    fields.map { ($0.key, fromVariable($0.value, name: name, path: path + [.key($0.key)])) }),
                source: source, embedsVariables: false)
        default:
            return InputNode(value: .scalar(json), source: source, embedsVariables: false)
        }
    }

    /// Resolves an AST value; `nil` when it is a variable the request did not provide.
    static func resolve(_ value: any GraphQL.Value, variables: [String: JSONValue]) -> InputNode? {
        switch value {
        case let variable as Variable:
            guard let json = variables[variable.name.value] else { return nil }
            return fromVariable(json, name: variable.name.value)
        case let list as ListValue:
            var items: [InputNode] = []
            var embeds = false
            for item in list.values {
                guard let node = resolve(item, variables: variables) else { continue }
                embeds = embeds || node.embedsVariables || node.isFromVariable
                items.append(node)
            }
            let node = InputNode(value: .list(items), source: .literal(.null), embedsVariables: embeds)
            return node.withLiteralSource()
        case let object as ObjectValue:
            var fields: [(key: String, node: InputNode)] = []
            var embeds = false
            for field in object.fields {
                guard let node = resolve(field.value, variables: variables) else { continue }
                embeds = embeds || node.embedsVariables || node.isFromVariable
                fields.append((field.name.value, node))
            }
            let node = InputNode(value: .object(fields), source: .literal(.null), embedsVariables: embeds)
            return node.withLiteralSource()
        case let enumValue as EnumValue:
            return InputNode(
                value: .enumValue(enumValue.value), source: .literal(.string(enumValue.value)), embedsVariables: false)
        case is NullValue:
            return InputNode(value: .null, source: .literal(.null), embedsVariables: false)
        default:
            let json = LiteralValue.json(value)
            return InputNode(value: .scalar(json), source: .literal(json), embedsVariables: false)
        }
    }

    var isFromVariable: Bool {
        if case .variable = source { return true }
        return false
    }

    private func withLiteralSource() -> InputNode {
        var copy = self
        copy.source = .literal(json)
        return copy
    }
}
