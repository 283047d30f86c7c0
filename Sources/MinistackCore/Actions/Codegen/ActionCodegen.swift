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
