import GraphQL
import OrderedCollections

/// Prints the part of a client's document that belongs to a remote schema back to GraphQL, in
/// the remote's own names: fields renamed back (aliased to the client's response keys, so the
/// answer needs no key changes), type conditions un-customized, fragment spreads inlined, and
/// every variable the selection uses collected so its definition can be sent along.
///
/// It also records where the client asked for `__typename`, so the remote's type names in the
/// answer can be renamed to the merged schema's (`RemoteResponseShape`).
struct RemoteQueryPrinter {
    let schema: CustomizedRemoteSchema
    let fragments: [String: FragmentDefinition]
    private(set) var variables: Set<String> = []

    init(schema: CustomizedRemoteSchema, fragments: [String: FragmentDefinition]) {
        self.schema = schema
        self.fragments = fragments
    }

    /// `field` (a field of the remote type `parent`, the remote's name) with its selection.
    mutating func print(_ field: Field, parent: String) throws(PlanError) -> (text: String, shape: RemoteResponseShape)
    {
        let responseKey = field.alias?.value ?? field.name.value
        var shape = RemoteResponseShape()
        if field.name.value == "__typename" {
            shape.typenameKeys.insert(responseKey)
            let name = responseKey == "__typename" ? "__typename" : "\(responseKey): __typename"
            return (name + directives(field.directives), shape)
        }
        guard let remoteField = schema.field(customized: field.name.value, of: parent) else {
            throw PlanError("field '\(field.name.value)' not found in remote type '\(parent)'")
        }
        var text = responseKey == remoteField.name ? remoteField.name : "\(responseKey): \(remoteField.name)"
        if !field.arguments.isEmpty {
            text += "(" + field.arguments.map { "\($0.name.value): \(value($0.value))" }.joined(separator: ", ") + ")"
        }
        text += directives(field.directives)
        if let selectionSet = field.selectionSet {
            let (inner, innerShape) = try print(selectionSet, parent: remoteField.type.namedType)
            text += " " + inner
            shape.children[responseKey] = innerShape
        }
        return (text, shape)
    }

    /// `{ … }` of a selection set on the remote type `parent`.
    mutating func print(_ selectionSet: SelectionSet, parent: String) throws(PlanError) -> (
        text: String, shape: RemoteResponseShape
    ) {
        var parts: [String] = []
        var shape = RemoteResponseShape()
        for selection in selectionSet.selections {
            switch selection {
            case let field as Field:
                let (text, fieldShape) = try print(field, parent: parent)
                parts.append(text)
                shape.merge(fieldShape)
            case let inline as InlineFragment:
                let condition = inline.typeCondition.map { schema.originalTypeName($0.name.value) } ?? parent
                let (text, inner) = try print(inline.selectionSet, parent: condition)
                let on = inline.typeCondition == nil ? "" : " on \(condition)"
                parts.append("..." + on + directives(inline.directives) + " " + text)
                shape.merge(inner)
            case let spread as FragmentSpread:
                guard let fragment = fragments[spread.name.value] else {
                    throw PlanError("unknown fragment \"\(spread.name.value)\"")
                }
                let condition = schema.originalTypeName(fragment.typeCondition.name.value)
                let (text, inner) = try print(fragment.selectionSet, parent: condition)
                parts.append("... on \(condition)" + directives(spread.directives) + " " + text)
                shape.merge(inner)
            default:
                continue
            }
        }
        return ("{ " + parts.joined(separator: " ") + " }", shape)
    }

    /// A value as GraphQL text, noting the variables in it (enum values and literals are not renamed).
    mutating func value(_ value: any Value) -> String {
        collectVariables(value)
        return GraphQL.print(ast: value)
    }

    mutating func collectVariables(_ value: any Value) {
        switch value {
        case let variable as Variable: variables.insert(variable.name.value)
        case let list as ListValue: for item in list.values { collectVariables(item) }
        case let object as ObjectValue: for field in object.fields { collectVariables(field.value) }
        default: break
        }
    }

    mutating func directives(_ directives: [Directive]) -> String {
        var text = ""
        for directive in directives {
            text += " @\(directive.name.value)"
            if !directive.arguments.isEmpty {
                text +=
                    "(" + directive.arguments.map { "\($0.name.value): \(value($0.value))" }.joined(separator: ", ")
                    + ")"
            }
        }
        return text
    }

    /// `$name: Type = default` of the operation's variable, its type in the remote's names.
    func definition(of variable: VariableDefinition) -> String {
        var text = "$\(variable.variable.name.value): \(type(variable.type))"
        if let defaultValue = variable.defaultValue { text += " = " + GraphQL.print(ast: defaultValue) }
        return text
    }

    func type(_ type: any GraphQL.`Type`) -> String {
        switch type {
        case let named as NamedType: schema.originalTypeName(named.name.value)
        case let list as ListType: "[" + self.type(list.type) + "]"
        case let nonNull as NonNullType: self.type(nonNull.type) + "!"
        default: GraphQL.print(ast: type)
        }
    }
}

/// Where `__typename` appears in a remote's answer: keys of this object level, and the shapes
/// of nested objects by response key.
public struct RemoteResponseShape: Sendable {
    public var typenameKeys: Set<String> = []
    public var children: [String: RemoteResponseShape] = [:]

    public init() {}

    mutating func merge(_ other: RemoteResponseShape) {
        typenameKeys.formUnion(other.typenameKeys)
        for (key, child) in other.children {
            if var existing = children[key] {
                existing.merge(child)
                children[key] = existing
            } else {
                children[key] = child
            }
        }
    }

    /// The answer with every `__typename` renamed by `rename` (lists followed element by element).
    public func renaming(_ value: JSONValue, _ rename: (String) -> String) -> JSONValue {
        switch value {
        case .array(let items): return .array(items.map { renaming($0, rename) })
        case .object(var fields):
            for key in fields.keys {
                if typenameKeys.contains(key), let name = fields[key]?.stringValue {
                    fields[key] = .string(rename(name))
                } else if let child = children[key], let nested = fields[key] {
                    fields[key] = child.renaming(nested, rename)
                }
            }
            return .object(fields)
        default: return value
        }
    }
}
