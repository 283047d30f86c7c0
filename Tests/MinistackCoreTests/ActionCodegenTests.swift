import Foundation
import MinistackTesting
import Testing

@testable import MinistackCore

/// `ActionCodegen` over `Tests/Fixtures/actions-codegen`: nested input and output objects,
/// lists, enums, nullable fields, database and custom scalars, and names Python cannot use.
/// The generated files are goldens under `Golden/codegen/<action>/<framework>/`; the CLI tests
/// run the Python ones with uvicorn.
@Suite("Action codegen")
struct ActionCodegenTests {
    static let fixture = ExampleProject.root + "/Tests/Fixtures/actions-codegen"

    static func metadata() throws -> Metadata {
        var files: [String: String] = [:]
        for name in ["actions.graphql", "actions.yaml"] {
            files[name] = try String(contentsOfFile: fixture + "/" + name, encoding: .utf8)
        }
        return try MetadataReader.read(files: files)
    }

    @Test(
        "writes the expected files for each action and framework",
        arguments: ["placeOrder", "searchBooks", "ping", "walkTree"], CodegenFramework.allCases)
    func golden(action: String, framework: CodegenFramework) throws {
        let files = try ActionCodegen.files(for: action, in: Self.metadata(), framework: framework)
        let folder = GoldenFile.root + "/codegen/\(action)/\(framework.rawValue)"
        for file in files { GoldenFile.check(file.contents, against: folder + "/" + file.path) }
        if !GoldenFile.isRecording {
            let expected = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
            #expect(files.map(\.path).sorted() == expected, "stale or missing golden files in \(folder)")
        }
    }

    @Test("declares only the types the action reaches, each after the ones it uses")
    func reachableTypes() throws {
        let files = try ActionCodegen.files(for: "placeOrder", in: Self.metadata(), framework: .pythonFastAPI)
        let models = try #require(files.first { $0.path == "placeOrderTypes.py" }).contents
        #expect(!models.contains("Unused"))
        let order = [
            "class Genre", "class OrderLineInput", "class OrderInput", "class Book", "class OrderLine(",
            "class OrderResult",
        ]
        let positions = try order.map { try #require(models.range(of: $0)).lowerBound }
        #expect(positions == positions.sorted())
    }

    @Test("an unknown action is an error that lists the actions")
    func unknownAction() throws {
        #expect(
            throws: ActionCodegenError.unknownAction("nope", known: ["ping", "placeOrder", "searchBooks", "walkTree"])
        ) {
            try ActionCodegen.files(for: "nope", in: Self.metadata(), framework: .pythonFastAPI)
        }
        #expect(
            ActionCodegenError.unknownAction("nope", known: []).description
                == "no action named \"nope\" in the metadata (the metadata has no actions)")
    }

    @Test("Python attributes: keywords, leading underscores and shadowing names get another name")
    func pythonAttributes() {
        let names = ["from", "_links", "links_", "json", "date", "title", "__typename"]
        #expect(
            PythonNames.attributes(for: names, annotationNames: ["date", "str"])
                == ["from_", "links__", "links_", "json_", "date_", "title", "typename_"])
        #expect(PythonNames.enumMembers(for: ["None", "name", "_x", "OK"]) == ["None_", "name_", "x_", "OK"])
    }

    @Test("a cycle of types refers forward and rebuilds the models")
    func cycles() throws {
        var metadata = try Self.metadata()
        metadata.customTypes.objects.append(
            CustomObjectType(
                name: "Node",
                fields: [CustomTypeField(name: "children", type: "[Node!]!"), .init(name: "id", type: "Int!")]))
        metadata.actions.append(
            ActionMetadata(
                name: "tree",
                definition: ActionDefinition(handler: URLTemplate("http://localhost/tree"), outputType: "Node!")))
        let files = try ActionCodegen.files(for: "tree", in: metadata, framework: .pythonFastAPI)
        let models = try #require(files.first { $0.path == "treeTypes.py" }).contents
        #expect(models.contains("    children: List[\"Node\"]\n"))
        #expect(models.contains("Node.model_rebuild()\n"))
    }
}
