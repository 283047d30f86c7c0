import Foundation

/// `typescript-express`: TypeScript types of an action's types (`<action>Types.ts`) and an
/// Express app with the handler (`<action>.ts`).
///
/// GraphQL names are valid TypeScript property names, so fields keep them; enums become unions
/// of their values' strings, which is what the JSON carries. A type whose name TypeScript or
/// the generated code already uses (`string`, `Array`, `Maybe`…) gets a `_` appended.
/// There is no TypeScript compiler or npm registry where ministack is tested, so this output is
/// checked against goldens only (the Python output is also run).
struct ExpressCodegen {
    let graph: ActionTypeGraph
    let module: String
    let typesModule: String
    let arguments: String
    let payload: String
    private let types: [String: String]

    /// Type names TypeScript reserves or the generated code uses.
    static let reserved: Set = [
        "any", "Array", "bigint", "boolean", "break", "case", "catch", "class", "const", "continue", "debugger",
        "default", "delete", "do", "else", "enum", "export", "express", "extends", "false", "finally", "for",
        "function", "if", "import", "in", "instanceof", "Maybe", "never", "new", "null", "number", "object",
        "Record", "Request", "Response", "return", "string", "super", "switch", "symbol", "this", "throw",
        "true", "try", "typeof", "undefined", "unknown", "var", "void", "while", "with",
    ]

    init(_ graph: ActionTypeGraph) {
        self.graph = graph
        module = graph.action.name
        typesModule = module + "Types"
        var pool = IdentifierPool(reserved: Self.reserved)
        types = pool.claimTypes(of: graph)
        arguments = pool.claim(PythonSyntax.capitalized(graph.action.name) + "Args")
        payload = pool.claim(PythonSyntax.capitalized(graph.action.name) + "Payload")
    }

    var files: [GeneratedFile] {
        [
            GeneratedFile(path: typesModule + ".ts", contents: typesFile, ownership: .generated),
            GeneratedFile(path: module + ".ts", contents: handlerFile, ownership: .scaffold),
        ]
    }

    var action: ActionMetadata { graph.action }

    func type(_ name: String) -> String { types[name] ?? name }

    /// `Maybe<Array<Book>>` for `[Book!]`.
    func annotation(_ type: TypeRef) -> String {
        if case .nonNull(let inner) = type { return nonNullAnnotation(inner) }
        return "Maybe<" + nonNullAnnotation(type) + ">"
    }

    private func nonNullAnnotation(_ type: TypeRef) -> String {
        switch type {
        case .nonNull(let inner): nonNullAnnotation(inner)
        case .list(let element): "Array<" + annotation(element) + ">"
        case .named(let name):
            if case .builtInScalar = graph.type(named: name) {
                TypeScriptScalar.of(graph.type(named: name))?.type ?? "any"
            } else {
                self.type(name)
            }
        }
    }

    /// A `/** … */` comment at `indent`, or nothing.
    static func docComment(_ text: String?, indent: String) -> String {
        guard let text = text?.trimmingCharactersInSet(), !text.isEmpty else { return "" }
        let lines = text.replacingOccurrences(of: "*/", with: "*\\/").split(
            separator: "\n", omittingEmptySubsequences: false)
        if lines.count == 1 { return indent + "/** " + lines[0] + " */\n" }
        return indent + "/**\n" + lines.map { (indent + " * " + $0).trimmingTrailingSpaces() + "\n" }.joined()
            + indent + " */\n"
    }

    /// A double-quoted string literal (JSON's escapes are TypeScript's).
    static func stringLiteral(_ text: String) -> String { JSONValue.string(text).serialized }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
