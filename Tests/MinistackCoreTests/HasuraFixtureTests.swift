import Foundation
import MinistackCore
import MinistackTesting
import OrderedCollections
import Testing

/// The Hasura-exported fixture directory (`Tests/Fixtures/hasura-metadata`) read and written back.
@Suite("A metadata directory exported by Hasura")
struct HasuraFixtureTests {
    static func fixture() throws -> [String: String] {
        try ExampleProject.files(in: ExampleProject.hasuraMetadataDirectory)
    }

    @Test("reads, exports and is written back byte for byte")
    func roundTrip() throws {
        let files = try Self.fixture()
        let metadata = try MetadataReader.read(files: files)
        let written = try MetadataDirectoryWriter.files(for: metadata.exportJSON)
        #expect(written.keys.sorted() == files.keys.sorted())
        for (path, text) in written.sorted(by: { $0.key < $1.key }) {
            #expect(text == files[path], "\(path)")
        }
        #expect(try MetadataReader.read(exportJSON: metadata.exportJSON).exportJSON == metadata.exportJSON)
    }
}

extension HasuraFixtureTests {
    @Test("export_metadata gives actions and custom types in Hasura's JSON shape")
    func exportShape() throws {
        let export = try MetadataReader.read(files: Self.fixture()).exportJSON
        let actions = try #require(export["actions"]?.arrayValue)
        #expect(actions.map { $0["name"] } == [.string("articleStats"), .string("createArticle"), .string("login")])
        #expect(
            actions[0].serialized
                == #"{"name":"articleStats","definition":{"handler":"{{ACTION_BASE_URL}}/stats","output_type":"ArticleStats","arguments":[{"name":"status","type":"ArticleStatus"}],"type":"query"},"permissions":[{"role":"editor"},{"role":"user"}]}"#
        )
        #expect(
            actions[1].serialized
                == #"{"name":"createArticle","definition":{"handler":"{{ACTION_BASE_URL}}/articles","output_type":"ArticleResult","forward_client_headers":true,"headers":[{"name":"x-action-secret","value_from_env":"ACTION_SECRET"}],"arguments":[{"name":"input","type":"ArticleInput!","description":"What to publish"}],"request_transform":{"body":{"action":"transform","template":"{\"article\": {{$body.input.input}}}"},"template_engine":"Kriti","version":2},"type":"mutation","kind":"asynchronous","timeout":60},"comment":"Creates an article through the editorial service","permissions":[{"role":"editor","comment":"Editors publish"}]}"#
        )
        #expect(
            actions[2]["definition"]?.serialized
                == #"{"handler":"{{ACTION_BASE_URL}}/login","output_type":"LoginResponse","arguments":[{"name":"username","type":"String!"},{"name":"password","type":"String!"}],"type":"mutation","kind":"synchronous"}"#
        )
        let types = try #require(export["custom_types"])
        #expect(types.objectValue?.keys.elements == ["input_objects", "objects", "enums"])
        #expect(
            types["enums"]?.serialized
                == #"[{"name":"ArticleStatus","values":[{"description":null,"is_deprecated":null,"value":"DRAFT"},{"description":"Visible to readers","is_deprecated":null,"value":"PUBLISHED"}],"description":"The state of an article"}]"#
        )
        #expect(
            types["objects"]?.arrayValue?.last?.serialized
                == #"{"name":"LoginResponse","fields":[{"name":"accessToken","type":"String!"},{"name":"userId","type":"Int!","description":"The signed-in author"}],"description":"What login answers"}"#
        )
        #expect(
            types["objects"]?.arrayValue?.first?["relationships"]?.arrayValue?.first?["remote_table"]
                == .object(["name": .string("article"), "schema": .string("public")]))
        #expect(export["remote_schemas"]?.arrayValue?.count == 2)
    }

    @Test("an action in actions.graphql needs its handler in actions.yaml, and the other way round")
    func actionFilesMustAgree() throws {
        var files = try Self.fixture()
        files["actions.yaml"] = files["actions.yaml"]!.replacingOccurrences(
            of: "  - name: login\n", with: "  - name: logon\n")
        #expect(
            throws: MetadataError.invalidShape(
                file: "actions.yaml", path: "$",
                message:
                    "action \"login\" is declared in actions.graphql but has no entry (with its handler) in actions.yaml"
            )
        ) {
            try MetadataReader.read(files: files)
        }
        files = try Self.fixture()
        files["actions.graphql"] = files["actions.graphql"]!.replacingOccurrences(
            of: "type Mutation {\n  login(\n    username: String!\n    password: String!\n  ): LoginResponse\n}\n\n",
            with: "")
        #expect(
            throws: MetadataError.invalidShape(
                file: "actions.yaml", path: "$.actions[2]", message: "action login is not present in actions.graphql")
        ) {
            try MetadataReader.read(files: files)
        }
    }

    @Test("actions.graphql that does not parse, or declares what actions cannot use, names the file and line")
    func badSDL() throws {
        var files = try Self.fixture()
        files["actions.graphql"] = "type Mutation {\n  login(: String\n}\n"
        #expect {
            try MetadataReader.read(files: files)
        } throws: { error in
            guard case .invalidShape(let file, let path, _)? = error as? MetadataError else { return false }
            return file == "actions.graphql" && path.hasPrefix("line 2")
        }
        files["actions.graphql"] = "type Query {\n  me: Node\n}\n\ninterface Node {\n  id: ID!\n}\n"
        #expect(
            throws: MetadataError.invalidShape(
                file: "actions.graphql", path: "line 5",
                message: "only object, input, enum and scalar types and Query/Mutation fields may be defined here")
        ) {
            try MetadataReader.read(files: files)
        }
    }
}
