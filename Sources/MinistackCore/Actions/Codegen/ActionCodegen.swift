/// Writes the starting code of an action's HTTP handler: models for the action's argument and
/// output types, and a server that receives Hasura's action payload and answers the output type.
///
/// Pure: it reads the action and its custom types from `Metadata` (wherever that came from, a
/// server's `export_metadata` or a metadata directory) and returns the files; the caller writes
/// them. The output depends only on the metadata, so it can be kept in git and compared.
///
/// ```swift
/// let files = try ActionCodegen.files(for: "createArticle", in: metadata, framework: .pythonFastAPI)
/// files.map(\.path)   // ["createArticleTypes.py", "createArticle.py", "requirements.txt"]
/// ```
public enum ActionCodegen {
    public static func files(for actionName: String, in metadata: Metadata, framework: CodegenFramework)
        throws(ActionCodegenError) -> [GeneratedFile]
    {
        let actions = metadata.actions
        guard let action = actions.first(where: { $0.name == actionName }) else {
            throw .unknownAction(actionName, known: actions.map(\.name).sorted())
        }
        let types = try ActionTypeGraph(action: action, customTypes: metadata.customTypes)
        switch framework {
        case .pythonFastAPI: return FastAPICodegen(types).files
        case .typescriptExpress: return ExpressCodegen(types).files
        }
    }
}

/// A framework `ministack actions codegen` writes handler code for, named as on the command line.
public enum CodegenFramework: String, CaseIterable, Sendable {
    /// Pydantic v2 models and a FastAPI app, run with uvicorn.
    case pythonFastAPI = "python-fastapi"
    /// TypeScript types and an Express handler.
    case typescriptExpress = "typescript-express"
}

/// One file of generated code.
public struct GeneratedFile: Sendable, Hashable {
    /// Who owns a file once it is written.
    public enum Ownership: Sendable, Hashable {
        /// Derived from the metadata only: regenerating rewrites it.
        case generated
        /// A starting point the user edits (the handler): written only when it does not exist yet,
        /// unless the caller is told to overwrite.
        case scaffold
    }

    /// Relative to the output directory, with `/` separators.
    public var path: String
    public var contents: String
    public var ownership: Ownership

    public init(path: String, contents: String, ownership: Ownership) {
        self.path = path
        self.contents = contents
        self.ownership = ownership
    }
}

/// Why code cannot be generated for an action.
public enum ActionCodegenError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No action of that name; `known` lists the metadata's actions.
    case unknownAction(String, known: [String])
    /// A type reference (`[Book!]!`) that is not GraphQL, with where it was found.
    case invalidTypeReference(String, at: String)

    public var description: String {
        switch self {
        case .unknownAction(let name, let known):
            let listed = known.isEmpty ? "the metadata has no actions" : "actions: " + known.joined(separator: ", ")
            return "no action named \"\(name)\" in the metadata (\(listed))"
        case .invalidTypeReference(let reference, let place):
            return "\(place) has the type \"\(reference)\", which is not a GraphQL type reference"
        }
    }
}
