import Foundation
import GraphQL
import MinistackCore
import MinistackTesting
import Testing

/// Remote schemas without I/O: an introspection answer (made by GraphQLSwift from SDL) merged
/// into the example model with customization, clashes reported, and a client's selection printed
/// back in the remote's names.
@Suite("Remote schema merging")
struct RemoteSchemaMergeTests {
    static let librarySDL = """
        type Query {
          book(id: ID!): Book
          search(text: String!, genre: Genre = FICTION): [SearchResult!]!
          author: String
          books(filter: BookFilter): [Book!]!
        }
        type Mutation { addBook(title: String!): Book! }
        interface Node { id: ID! }
        type Book implements Node { id: ID! title: String! genre: Genre! author: Author! }
        type Author implements Node { id: ID! name: String! }
        union SearchResult = Book | Author
        enum Genre { FICTION SCIENCE }
        input BookFilter { genre: Genre, first: Int = 10 }
        scalar DateTime
        """

    static func introspection(_ sdl: String) async throws -> JSONValue {
        let result = try await graphql(schema: try buildSchema(source: sdl), request: IntrospectionQuery.text)
        return try JSONParser.parse(String(decoding: try JSONEncoder().encode(result), as: UTF8.self))
    }

    static func model(customization: String?, roles: [String] = []) async throws -> Model {
        var metadata = try ExampleModel.metadata(.sqlite)
        let permissions = JSONValue.array(roles.map { .fields([("role", .string($0))]) })
        var definition: [(String, JSONValue)] = [("url", .string("http://library.local/graphql"))]
        if let customization { definition.append(("customization", try JSONParser.parse(customization))) }
        // The metadata keeps remote schemas as written: `raw` is what is read back.
        metadata.remoteSchemas = [
            RemoteSchemaMetadata(
                name: "library", definition: RemoteSchemaDefinition(),
                raw: .fields([
                    ("name", .string("library")), ("definition", .fields(definition)), ("permissions", permissions),
                ]))
        ]
        return ModelResolver.resolve(
            metadata: metadata, catalogs: ["default": ExampleCatalog.make(.sqlite)],
            remoteIntrospections: ["library": .success(try await introspection(Self.librarySDL))])
    }

    @Test("an uncustomized remote whose root field `author` is a table's is left out, naming both sides")
    func clash() async throws {
        let model = try await Self.model(customization: nil)
        #expect(model.remoteSchemas.isEmpty)
        #expect(
            model.inconsistencies.map(\.reason) == [
                #"root field "author" of remote schema library conflicts with table default.main.author"#
            ])
    }

    @Test("customized types and fields join the schema, visible to admin and the permitted roles only")
    func merged() async throws {
        let customization = #"""
            {"type_names": {"prefix": "Lib_", "mapping": {"Genre": "LibraryGenre"}},
             "field_names": [{"parent_type": "Query", "prefix": "lib_"}, {"parent_type": "Book", "mapping": {"title": "name"}}]}
            """#
        let model = try await Self.model(customization: customization, roles: ["user"])
        #expect(model.inconsistencies.isEmpty, "\(model.inconsistencies)")
        let sdl = try SchemaBuilder.build(model: model, role: Session.adminRole).sdl
        for expected in [
            "  lib_book(\n    id: ID!\n  ): Lib_Book\n", "  addBook(\n    title: String!\n  ): Lib_Book!\n",
            "type Lib_Book implements Lib_Node {\n", "  genre: LibraryGenre!\n  id: ID!\n  name: String!\n",
            "union Lib_SearchResult = Lib_Book | Lib_Author\n", "    genre: LibraryGenre = FICTION\n",
            "input Lib_BookFilter {\n  first: Int", "scalar Lib_DateTime\n", "interface Lib_Node {\n",
        ] {
            #expect(sdl.contains(expected), "missing \(expected.debugDescription)")
        }
        #expect(!sdl.contains("type Query"), "the remote's root types are not types of the merged schema")
        let user = try SchemaBuilder.build(model: model.view(for: "user"), role: "user").sdl
        #expect(user.contains("lib_book("))
        let anonymous = try SchemaBuilder.build(model: model.view(for: "anonymous"), role: "anonymous").sdl
        #expect(!anonymous.contains("lib_book("))
    }

    @Test("a selection is printed in the remote's names: fields, type conditions, fragments, variables")
    func printed() async throws {
        let customization = #"""
            {"root_fields_namespace": "library", "type_names": {"prefix": "Lib_"},
             "field_names": [{"parent_type": "Book", "mapping": {"title": "name"}}]}
            """#
        let model = try await Self.model(customization: customization)
        let schema = try SchemaBuilder.build(model: model, role: Session.adminRole)
        let query = """
            query Find($id: ID!, $text: String!) {
              lib: library {
                __typename
                first: book(id: $id) { __typename name ...Who }
                search(text: $text) { ... on Lib_Author { name } ... on Lib_Book { id } }
              }
              tag { id }
            }
            fragment Who on Lib_Book { author { __typename name } }
            """
        let document = try parse(source: query)
        #expect(validate(schema: schema.schema, ast: document).isEmpty)
        let operation = try #require(document.definitions.first as? OperationDefinition)
        let fragment = try #require(document.definitions.last as? FragmentDefinition)
        let variables = try VariableCoercion.coerce(
            definitions: operation.variableDefinitions,
            provided: .fields([("id", .string("1")), ("text", .string("x"))]), shapes: schema.inputShapes)
        let plan = try QueryPlanner.plan(
            operation: operation, fragments: ["Who": fragment], roleSchema: schema, model: schema.model,
            variables: variables)
        guard case .remote(let remote) = plan.ir.rootFields[0].field else {
            Issue.record("the first root field is not remote")
            return
        }
        #expect(
            remote.document
                == "query ($id: ID!, $text: String!) { __typename first: book(id: $id) { __typename name: title ... on Book { author { __typename name } } } search(text: $text) { ... on Author { name } ... on Book { id } } }"
        )
        #expect(remote.variableNames == ["id", "text"])
        #expect(remote.isNamespace && remote.responseKey == "lib")
        let answer = try JSONParser.parse(
            #"{"__typename": "Query", "first": {"__typename": "Book", "title": "Dune", "author": {"__typename": "Author", "name": "Frank"}}, "search": []}"#
        )
        let renamed = remote.shape.renaming(answer) { "Lib_" + $0 }
        #expect(
            renamed.serialized
                == #"{"__typename":"Lib_Query","first":{"__typename":"Lib_Book","title":"Dune","author":{"__typename":"Lib_Author","name":"Frank"}}}"#
                .replacingOccurrences(of: "}}}", with: "}},\"search\":[]}"))
    }
}
