import Foundation

/// Writes `actions.graphql` the way Hasura CLI's `metadata export` does: one `type Mutation`
/// (or `type Query`) block per action with one argument per line, then the custom types
/// (enums, input objects, objects, scalars), each block followed by a blank line, and
/// descriptions as `""" … """` before what they describe.
///
/// ```graphql
/// type Mutation {
///   login(
///     username: String!
///     password: String!
///   ): LoginResponse
/// }
///
/// type LoginResponse {
///   accessToken: String!
/// }
///
/// ```
enum ActionsSDLPrinter {
    static func print(actions: [ActionMetadata], customTypes: CustomTypes) -> String {
        var out = ""
        for action in actions {
            out += "type \(action.definition.type.rootTypeName) {\n"
            out += "  " + action.name + arguments(action.definition.arguments) + ": " + action.definition.outputType
            out += "\n}\n\n"
        }
        for enumType in customTypes.enums {
            out += description(enumType.description) + "enum \(enumType.name) {\n"
            out += enumType.values.map { "  " + description($0.description) + $0.value }.joined(separator: "\n")
            out += "\n}\n\n"
        }
        for input in customTypes.inputObjects {
            out += description(input.description) + "input \(input.name) {\n" + fields(input.fields) + "\n}\n\n"
        }
        for object in customTypes.objects {
            out += description(object.description) + "type \(object.name) {\n" + fields(object.fields) + "\n}\n\n"
        }
        for scalar in customTypes.scalars {
            out += description(scalar.description) + "scalar \(scalar.name)\n\n"
        }
        return out
    }

    /// `(\n    a: T\n  )`, or nothing without arguments.
    private static func arguments(_ arguments: [ActionArgument]) -> String {
        guard !arguments.isEmpty else { return "" }
        let lines = arguments.map { "    " + description($0.description) + "\($0.name): \($0.type)" }
        return "(\n" + lines.joined(separator: "\n") + "\n  )"
    }

    private static func fields(_ fields: [CustomTypeField]) -> String {
        fields.map { field in
            var declared: [ActionArgument] = []
            for argument in field.arguments?.arrayValue ?? [] {
                if let name = argument["name"]?.stringValue, let type = argument["type"]?.stringValue {
                    declared.append(
                        ActionArgument(name: name, type: type, description: argument["description"]?.stringValue))
                }
            }
            return "  " + description(field.description) + field.name + arguments(declared) + ": " + field.type
        }
        .joined(separator: "\n")
    }

    /// `""" text """ ` before a definition, or nothing.
    private static func description(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "" }
        return "\"\"\" " + text.replacingOccurrences(of: "\"\"\"", with: "\\\"\"\"") + " \"\"\" "
    }
}
