import GraphQL

/// Root fields of remote schemas: printed back to a document in the remote's own names.
extension QueryPlanner {
    func remoteField(
        _ field: CollectedField, remote name: String, namespace: Bool, operation: RemoteOperation, path: String
    ) throws(PlanError) -> RemoteFieldIR {
        guard let remote = model.remoteSchemas.first(where: { $0.name == name }), let schema = remote.schema,
            let root = operation == .query ? schema.types.queryType : schema.types.mutationType
        else { throw PlanError("remote schema \(name) is not available", path: path, code: .unexpected) }
        var printer = RemoteQueryPrinter(schema: schema, fragments: collector.fragments)
        var body = ""
        var shape = RemoteResponseShape()
        do {
            for node in field.nodes {
                if namespace {
                    guard let selectionSet = node.selectionSet else { continue }
                    let (text, inner) = try printer.print(selectionSet, parent: root)
                    body += text.dropFirst(2).dropLast(2) + " "
                    shape.merge(inner)
                } else {
                    let (text, inner) = try printer.print(node, parent: root)
                    body += text + " "
                    shape.merge(inner)
                }
            }
        } catch {
            var located = error
            located.path = path
            throw located
        }
        let used = variableDefinitions.filter { printer.variables.contains($0.variable.name.value) }
        let definitions = used.map(printer.definition(of:))
        let header = operation.rawValue + (definitions.isEmpty ? "" : " (" + definitions.joined(separator: ", ") + ")")
        return RemoteFieldIR(
            remote: name, operation: operation, document: header + " { " + body + "}",
            variableNames: used.map(\.variable.name.value), responseKey: field.responseKey, isNamespace: namespace,
            shape: shape)
    }
}
