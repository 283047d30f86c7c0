public import GraphQL
import Foundation

/// Rewrites GraphQLSwift's parse and validation errors in Hasura's words and JSON paths.
public enum ValidationErrorMapping {
    /// A GraphQL syntax error, as Hasura reports it.
    public static func syntaxError(_ error: any Error) -> HasuraError {
        HasuraError(.validationFailed, "not a valid graphql query", path: "$.query", internal: .string("\(error)"))
    }

    /// A validation error with Hasura's message and the `$.selectionSet…` path of the field it concerns.
    public static func validationError(_ error: GraphQLError, document: Document) -> HasuraError {
        var path = "$"
        if let field = error.nodes.first as? Field, let offset = field.loc?.start,
            let fieldPath = FieldPathFinder(document: document).path(toFieldAt: offset)
        {
            path = fieldPath
        }
        return HasuraError(.validationFailed, message(for: error), path: path)
    }

    static func message(for error: GraphQLError) -> String {
        let message = error.message
        if message.hasPrefix("Cannot query field \""), let field = quoted(message, after: "Cannot query field "),
            let type = quoted(message, after: " on type ")
        {
            return "field '\(field)' not found in type: '\(type)'"
        }
        if message.hasPrefix("Unknown argument \""), let argument = quoted(message, after: "Unknown argument "),
            let field = quoted(message, after: " on field ")
        {
            let fieldName = field.split(separator: ".").last.map(String.init) ?? field
            return "'\(fieldName)' has no argument named '\(argument)'"
        }
        if message.hasPrefix("Field \""), message.hasSuffix("is required, but it was not provided."),
            let argument = quoted(message, after: " argument ")
        {
            return "missing required field '\(argument)'"
        }
        return message
    }

    /// The text between the double quotes that follow `marker`.
    static func quoted(_ text: String, after marker: String) -> String? {
        guard let markerRange = text.range(of: marker + "\"") else { return nil }
        let rest = text[markerRange.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }
}

/// Finds the `$.selectionSet.a.selectionSet.b` path of a field node by its source offset.
struct FieldPathFinder {
    let document: Document

    func path(toFieldAt offset: Int) -> String? {
        for definition in document.definitions {
            let selectionSet: SelectionSet
            switch definition {
            case let operation as OperationDefinition: selectionSet = operation.selectionSet
            case let fragment as FragmentDefinition: selectionSet = fragment.selectionSet
            default: continue
            }
            if let path = search(selectionSet, offset: offset, prefix: "$") { return path }
        }
        return nil
    }

    private func search(_ selectionSet: SelectionSet, offset: Int, prefix: String) -> String? {
        for selection in selectionSet.selections {
            switch selection {
            case let field as Field:
                let path = prefix + ".selectionSet." + (field.alias?.value ?? field.name.value)
                if field.loc?.start == offset { return path }
                if let nested = field.selectionSet, let found = search(nested, offset: offset, prefix: path) { return found }
            case let inline as InlineFragment:
                if let found = search(inline.selectionSet, offset: offset, prefix: prefix) { return found }
            default:
                continue
            }
        }
        return nil
    }
}
