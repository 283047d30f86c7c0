import MinistackCore
import MinistackTesting
import Testing

/// `Model.view(for:)`: what one role may use, resolved from the example's permissions.
@Suite("A role's view of the model")
struct RoleViewTests {
    static func article(_ model: Model) -> ResolvedTable? {
        model.allTables.first { $0.key.name.name == "article" }
    }

    @Test("a role keeps only the tables it has permissions on, with its columns and filters")
    func user() throws {
        let view = try ExampleModel.model(.sqlite).view(for: "user")
        #expect(Set(view.allTables.map(\.key.name.name)) == ["article", "article_tag", "author", "comment", "tag"])
        let article = try #require(Self.article(view))
        #expect(article.selectableColumns.map(\.name) == ["id", "author_id", "title", "body", "published"])
        #expect(article.access.select?.filter.isAlwaysTrue == false)
        #expect(article.insertableColumns.map(\.name) == ["title", "body", "published"])
        #expect(article.access.insert?.presets.map(\.column.name) == ["author_id"])
        #expect(article.access.insert?.presets.first?.value.source == .session("x-hasura-user-id"))
        #expect(article.updatableColumns.map(\.name) == ["title", "body"])
        // The user reads only its own author row, so article.author may be null for it.
        #expect(article.relationship(named: "author")?.isNullable == true)
    }

    @Test("a role without permissions sees no tables; admin sees everything unrestricted")
    func nobodyAndAdmin() throws {
        let model = try ExampleModel.model(.sqlite)
        #expect(model.view(for: "nobody").allTables.isEmpty)
        let admin = model.view(for: Session.adminRole)
        #expect(admin.allTables.count == 5)
        #expect(Self.article(admin)?.access.select?.filter.isAlwaysTrue == true)
        #expect(Self.article(admin)?.relationship(named: "author")?.isNullable == false)
    }

    @Test("backend_only insert permissions exist only for backend requests")
    func backendOnly() throws {
        var metadata = try ExampleModel.metadata(.sqlite)
        metadata = try MetadataOperations.apply(
            "create_insert_permission",
            arguments: try JSONParser.parse(
                #"{"table": {"name": "tag"}, "role": "service", "permission": {"columns": "*", "check": {}, "backend_only": true}}"#
            ), to: metadata)
        let model = ModelResolver.resolve(metadata: metadata, catalogs: ["default": ExampleCatalog.make(.sqlite)])
        #expect(model.view(for: "service").allTables.isEmpty)
        let backend = model.view(for: "service", backendOnly: true)
        #expect(backend.allTables.map(\.key.name.name) == ["tag"])
        #expect(backend.allTables.first?.access.insert != nil)
    }

    @Test("a permission naming a missing column is an inconsistency and is left out")
    func inconsistentPermission() throws {
        var metadata = try ExampleModel.metadata(.sqlite)
        metadata = try MetadataOperations.apply(
            "create_select_permission",
            arguments: try JSONParser.parse(
                #"{"table": {"name": "tag"}, "role": "auditor", "permission": {"columns": ["id", "colour"], "filter": {}}}"#
            ), to: metadata)
        let model = ModelResolver.resolve(metadata: metadata, catalogs: ["default": ExampleCatalog.make(.sqlite)])
        #expect(model.inconsistencies.map(\.type) == ["select_permission"])
        #expect(model.inconsistencies.first?.reason.contains("\"colour\"") == true)
        #expect(model.view(for: "auditor").allTables.isEmpty)
    }
}
