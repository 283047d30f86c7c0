/// `python-fastapi`: Pydantic v2 models of an action's types (`<action>Types.py`), a FastAPI app
/// with the handler (`<action>.py`), and `requirements.txt`.
///
/// Close to the shape of Hasura's own `python-fast-api` codegen (a types module and a handler
/// module taking the whole action payload), with Pydantic v2 models instead of dataclasses, and
/// a placeholder answer that validates, so the app runs as generated:
/// `python3 -m uvicorn placeOrder:app` answers `POST /placeOrder`.
struct FastAPICodegen {
    let graph: ActionTypeGraph
    let names: PythonNames

    init(_ graph: ActionTypeGraph) {
        self.graph = graph
        names = PythonNames(graph)
    }

    var files: [GeneratedFile] {
        [
            GeneratedFile(path: names.typesModule + ".py", contents: typesModule, ownership: .generated),
            GeneratedFile(path: names.module + ".py", contents: handlerModule, ownership: .scaffold),
            GeneratedFile(path: "requirements.txt", contents: Self.requirements, ownership: .scaffold),
        ]
    }

    /// What the generated code needs: FastAPI brings Pydantic v2.
    static let requirements = "fastapi>=0.110\nuvicorn>=0.29\n"

    var action: ActionMetadata { graph.action }

    // MARK: Annotations

    /// The annotation of a field or argument: `Optional[List[Book]]` for `[Book!]`. A model not
    /// declared yet (along a cycle of types) is written as a forward reference, `"Book"`.
    func annotation(_ type: TypeRef, declared: Set<String>, typing: inout Set<String>) -> String {
        if case .nonNull(let inner) = type { return nonNullAnnotation(inner, declared: declared, typing: &typing) }
        typing.insert("Optional")
        return "Optional[" + nonNullAnnotation(type, declared: declared, typing: &typing) + "]"
    }

    private func nonNullAnnotation(_ type: TypeRef, declared: Set<String>, typing: inout Set<String>) -> String {
        switch type {
        case .nonNull(let inner): return nonNullAnnotation(inner, declared: declared, typing: &typing)
        case .list(let element):
            typing.insert("List")
            return "List[" + annotation(element, declared: declared, typing: &typing) + "]"
        case .named(let name):
            let named = graph.type(named: name)
            if case .builtInScalar = named, let scalar = PythonScalar.of(named) { return scalar.annotation }
            let python = names.type(name)
            if case .model = named, !declared.contains(python) { return "\"" + python + "\"" }
            return python
        }
    }

    /// The declared names a model's annotations mention (its fields must not take them; the
    /// builtins and typing names are reserved anyway, see `PythonNames.moduleLevel`).
    func annotationNames(_ fields: [ActionTypeGraph.Field]) -> Set<String> {
        Set(
            fields.compactMap { field in
                if case .builtInScalar = graph.type(named: field.type.namedType) { return nil }
                return names.type(field.type.namedType)
            })
    }

    /// The attribute names of a model's fields (see `PythonNames.attributes`).
    func attributes(_ fields: [ActionTypeGraph.Field]) -> [String] {
        PythonNames.attributes(for: fields.map(\.name), annotationNames: annotationNames(fields))
    }
}
