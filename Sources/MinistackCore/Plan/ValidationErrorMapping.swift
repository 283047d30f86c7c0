import Foundation
public import GraphQL

/// Rewrites GraphQLSwift's parse and validation errors in Hasura's words and JSON paths.
public enum ValidationErrorMapping {
    /// A GraphQL syntax error, as Hasura reports it (the parser's detail is not part of Hasura's answer).
    public static func syntaxError(_ error: any Error) -> HasuraError {
        HasuraError(.validationFailed, "not a valid graphql query", path: "$.query")
    }

    /// A validation error with Hasura's message and the `$.selectionSet…` path it concerns.
    public static func validationError(_ error: GraphQLError, document: Document, schema: GraphQLSchema? = nil)
        -> HasuraError
    {
        let paths = NodePathIndex(document: document)
        var path = "$"
        for node in error.nodes {
            if let offset = node.loc?.start, let found = paths.paths[offset] {
                path = found
                break
            }
        }
        let (message, suffix) = rewrite(error.message, schema: schema)
        return HasuraError(.validationFailed, message, path: path == "$" ? path : path + suffix)
    }

    /// Hasura's wording for GraphQLSwift's messages, and a path suffix where Hasura points deeper.
    static func rewrite(_ message: String, schema: GraphQLSchema? = nil) -> (String, String) {
        if let (typeName, found) = enumMismatch(message),
            let enumType = schema?.getType(name: typeName) as? GraphQLEnumType
        {
            let values = enumType.values.map { "\"\($0.name)\"" }
            let list: String
            switch values.count {
            case 0, 1: list = values.joined()
            case 2: list = values.joined(separator: " or ")
            default: list = values.dropLast().joined(separator: ", ") + ", or " + values.last!
            }
            return ("expected one of the values \(list) for type '\(enumType.name)', but found '\(found)'", "")
        }
        if message.hasPrefix("Cannot query field \""), let field = quoted(message, after: "Cannot query field "),
            let type = quoted(message, after: " on type ")
        {
            return ("field '\(field)' not found in type: '\(type)'", "")
        }
        if message.hasPrefix("Unknown argument \""), let argument = quoted(message, after: "Unknown argument "),
            let field = quoted(message, after: " on field ")
        {
            let fieldName = field.split(separator: ".").last.map(String.init) ?? field
            return ("'\(fieldName)' has no argument named '\(argument)'", "")
        }
        if message.hasPrefix("Field \""), message.contains("does not have argument"),
            let field = quoted(message, after: "Field "),
            let argument = quoted(message, after: " does not have argument ")
        {
            return ("'\(field)' has no argument named '\(argument)'", "")
        }
        if message.hasPrefix("Field \""), message.hasSuffix("is required, but it was not provided."),
            let argument = quoted(message, after: " argument ")
        {
            return ("missing required field '\(argument)'", ".args.\(argument)")
        }
        if message.hasPrefix("Field \""), message.contains("is not defined by type"),
            let field = quoted(message, after: "Field "),
            let type = quoted(message, after: " is not defined by type ")
        {
            return ("field '\(field)' not found in type: '\(type)'", "")
        }
        if message.hasPrefix("Variable \"$"), message.contains(" used in position expecting type "),
            let variable = quoted(message, after: "Variable "), let declared = quoted(message, after: " of type "),
            let expected = quoted(message, after: " used in position expecting type ")
        {
            return (
                "variable '\(variable.dropFirst())' is declared as '\(declared)', but used where '\(expected)' is expected",
                ""
            )
        }
        return (message, "")
    }

    /// The enum type and the value found, from GraphQLSwift's two wordings of a bad enum value.
    static func enumMismatch(_ message: String) -> (typeName: String, found: String)? {
        if message.hasPrefix("Value \""), message.contains(" enum."), let found = quoted(message, after: "Value "),
            let typeName = quoted(message, after: " does not exist in ")
        {
            return (typeName, found)
        }
        if message.hasPrefix("Expected value of type \""),
            let typeText = quoted(message, after: "Expected value of type "),
            let foundStart = message.range(of: ", found ")
        {
            var found = String(message[foundStart.upperBound...])
            if let end = found.firstIndex(where: { $0 == ";" || $0 == "." }) { found = String(found[..<end]) }
            return (TypeRef(parsing: Substring(typeText))?.namedType ?? typeText, found)
        }
        return nil
    }

    /// The text between the double quotes that follow `marker`.
    static func quoted(_ text: String, after marker: String) -> String? {
        guard let markerRange = text.range(of: marker + "\"") else { return nil }
        let rest = text[markerRange.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }
}

/// Hasura-style paths of the nodes of a document by source offset (by field name, not alias, as
/// Hasura's parser reports them): fields
/// (`$.selectionSet.a.selectionSet.b`), arguments (the field's path, where Hasura reports an
/// unknown argument), argument values (`….args.where`) and input object fields (`….where.id._eq`).
struct NodePathIndex {
    private(set) var paths: [Int: String] = [:]

    init(document: Document) {
        for definition in document.definitions {
            switch definition {
            case let operation as OperationDefinition: index(operation.selectionSet, prefix: "$")
            case let fragment as FragmentDefinition: index(fragment.selectionSet, prefix: "$")
            default: continue
            }
        }
    }

    private mutating func record(_ node: any Node, _ path: String) {
        if let offset = node.loc?.start, paths[offset] == nil { paths[offset] = path }
    }

    private mutating func index(_ selectionSet: SelectionSet, prefix: String) {
        for selection in selectionSet.selections {
            switch selection {
            case let field as Field:
                let path = prefix + ".selectionSet." + field.name.value
                record(field, path)
                for argument in field.arguments {
                    record(argument, path)
                    index(argument.value, path: path + ".args." + argument.name.value)
                }
                if let nested = field.selectionSet { index(nested, prefix: path) }
            case let inline as InlineFragment:
                index(inline.selectionSet, prefix: prefix)
            default:
                continue
            }
        }
    }

    private mutating func index(_ value: any Value, path: String) {
        record(value, path)
        switch value {
        case let object as ObjectValue:
            for field in object.fields {
                record(field, path + "." + field.name.value)
                index(field.value, path: path + "." + field.name.value)
            }
        case let list as ListValue:
            for (position, item) in list.values.enumerated() { index(item, path: path + "[\(position)]") }
        default:
            break
        }
    }
}
