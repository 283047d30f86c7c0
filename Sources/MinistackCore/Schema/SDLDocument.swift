/// A GraphQL SDL document under construction: definitions by name, printed sorted by name
/// with fields sorted by name, so the output is stable and reviewable as a snapshot.
struct SDLDocument {
    struct Argument {
        var name: String
        var type: String
        var description: String?
    }

    struct Field {
        var name: String
        var type: String
        var description: String?
        var arguments: [Argument] = []
    }

    enum Definition {
        case object(description: String?, fields: [Field])
        /// An object type implementing interfaces (remote schemas' types).
        case implementing(description: String?, fields: [Field], interfaces: [String])
        case interface(description: String?, fields: [Field])
        case union(description: String?, members: [String])
        case input(description: String?, fields: [Argument])
        case enumeration(description: String?, values: [(name: String, description: String?)])
        case scalar
    }

    private(set) var definitions: [String: Definition] = [:]
    var schemaRoots: [(operation: String, type: String)] = []

    func contains(_ name: String) -> Bool { definitions[name] != nil }

    /// Replaces a definition (used to fill in a placeholder defined before its recursive parts).
    mutating func replace(_ name: String, _ definition: Definition) { definitions[name] = definition }

    /// Adds a definition once; the first one of a name wins.
    mutating func define(_ name: String, _ definition: Definition) {
        if definitions[name] == nil { definitions[name] = definition }
    }

    /// The shape of every scalar, enum and input object, for variable coercion.
    var inputShapes: [String: InputTypeShape] {
        var shapes: [String: InputTypeShape] = [
            "Int": .scalar, "Float": .scalar, "String": .scalar, "Boolean": .scalar, "ID": .scalar,
        ]
        for (name, definition) in definitions {
            switch definition {
            case .scalar: shapes[name] = .scalar
            case .enumeration(_, let values): shapes[name] = .enumeration(Set(values.map(\.name)))
            case .input(_, let fields):
                var fieldTypes: [String: TypeRef] = [:]
                for field in fields {
                    // A field with a default (`[x!]! = []`) may be omitted: coerce it as nullable.
                    let parts = field.type.split(separator: "=", maxSplits: 1)
                    let type = TypeRef(parsing: Substring(String(parts[0]).trimmingCharactersInSet()))
                    fieldTypes[field.name] = parts.count > 1 ? type?.nullable : type
                }
                shapes[name] = .inputObject(fieldTypes)
            case .object, .implementing, .interface, .union: continue
            }
        }
        return shapes
    }

    var text: String {
        var out = "schema {\n"
        for root in schemaRoots { out += "  \(root.operation): \(root.type)\n" }
        out += "}\n"
        for name in definitions.keys.sorted() {
            out += "\n"
            switch definitions[name]! {
            case .scalar:
                out += "scalar \(name)\n"
            case .object(let description, let fields):
                out += Self.description(description, indent: "")
                out += "type \(name) {\n" + Self.fieldLines(fields) + "}\n"
            case .implementing(let description, let fields, let interfaces):
                out += Self.description(description, indent: "")
                let implements = interfaces.isEmpty ? "" : " implements " + interfaces.joined(separator: " & ")
                out += "type \(name)\(implements) {\n" + Self.fieldLines(fields) + "}\n"
            case .interface(let description, let fields):
                out += Self.description(description, indent: "")
                out += "interface \(name) {\n" + Self.fieldLines(fields) + "}\n"
            case .union(let description, let members):
                out += Self.description(description, indent: "")
                out += "union \(name) = " + members.joined(separator: " | ") + "\n"
            case .input(let description, let fields):
                out += Self.description(description, indent: "")
                out += "input \(name) {\n"
                for field in fields.sorted(by: { $0.name < $1.name }) {
                    out += Self.description(field.description, indent: "  ")
                    out += "  \(field.name): \(field.type)\n"
                }
                out += "}\n"
            case .enumeration(let description, let values):
                out += Self.description(description, indent: "")
                out += "enum \(name) {\n"
                for value in values {
                    out += Self.description(value.description, indent: "  ")
                    out += "  \(value.name)\n"
                }
                out += "}\n"
            }
        }
        return out
    }

    private static func fieldLines(_ fields: [Field]) -> String {
        var out = ""
        for field in fields.sorted(by: { $0.name < $1.name }) {
            out += Self.description(field.description, indent: "  ")
            out += "  \(field.name)"
            if !field.arguments.isEmpty {
                out += "(\n"
                for argument in field.arguments.sorted(by: { $0.name < $1.name }) {
                    out += Self.description(argument.description, indent: "    ")
                    out += "    \(argument.name): \(argument.type)\n"
                }
                out += "  )"
            }
            out += ": \(field.type)\n"
        }
        return out
    }

    private static func description(_ text: String?, indent: String) -> String {
        guard let text else { return "" }
        return indent + JSONValue.quoted(text) + "\n"
    }
}
