public import GraphQL

/// The part of an operation that GraphQLSwift's introspection executor answers: a document
/// with only the operation's `__schema`/`__type` root fields (plus its variables and fragments).
public enum IntrospectionDocument {
    /// The document text, or nil when the operation has no introspection root field.
    public static func make(
        operation: OperationDefinition, fragments: [String: FragmentDefinition], variables: [String: JSONValue]
    ) throws(PlanError) -> String? {
        let collector = FieldCollector(fragments: fragments, variables: variables)
        let fields = try collector.collect([operation.selectionSet], typeName: HasuraNames.queryRoot)
            .filter { $0.name == "__schema" || $0.name == "__type" }
        guard !fields.isEmpty else { return nil }
        var text = "query"
        if !operation.variableDefinitions.isEmpty {
            text += "(" + operation.variableDefinitions.map { print(ast: $0) }.joined(separator: ", ") + ")"
        }
        text += " {\n"
        for field in fields {
            for node in field.nodes { text += print(ast: node) + "\n" }
        }
        text += "}\n"
        for name in fragments.keys.sorted() { text += print(ast: fragments[name]!) + "\n" }
        return text
    }
}
