import MinistackCore
import MinistackTesting
import Testing

@Suite("Resolving metadata against the catalog")
struct ModelResolverTests {
    static func source(_ tables: [TableMetadata]) -> Metadata {
        Metadata(sources: [SourceMetadata(name: "default", kind: .postgres, databaseURL: nil, tables: tables)])
    }

    static func table(_ name: String) -> QualifiedTableName { QualifiedTableName(schema: "public", name: name) }

    @Test("a table missing from the database is an inconsistency, the rest is served")
    func missingTable() {
        let metadata = Self.source([
            TableMetadata(table: Self.table("author")), TableMetadata(table: Self.table("ghost")),
        ])
        let model = ModelResolver.resolve(metadata: metadata, catalogs: ["default": ExampleCatalog.make(.postgres)])
        #expect(model.allTables.map(\.key.name.name) == ["author"])
        #expect(model.inconsistencies.count == 1)
        #expect(model.inconsistencies.first?.type == "table")
        #expect(
            model.inconsistencies.first?.reason == "Inconsistent object: no such table/view exists in source: \"ghost\""
        )
    }

    @Test("relationships whose columns or keys do not exist are inconsistencies")
    func brokenRelationships() {
        let article = TableMetadata(
            table: Self.table("article"),
            objectRelationships: [
                RelationshipMetadata(name: "author", using: .localForeignKey(columns: ["author_id"])),
                RelationshipMetadata(name: "writer", using: .localForeignKey(columns: ["title"])),
                RelationshipMetadata(
                    name: "owner",
                    using: .manual(
                        remoteTable: Self.table("author"), columnMapping: [ColumnPair(local: "nope", remote: "id")])),
                RelationshipMetadata(name: "title", using: .localForeignKey(columns: ["author_id"])),
            ])
        let metadata = Self.source([article, TableMetadata(table: Self.table("author"))])
        let model = ModelResolver.resolve(metadata: metadata, catalogs: ["default": ExampleCatalog.make(.postgres)])
        let resolved = model.table(TableKey(source: "default", name: Self.table("article")))
        #expect(resolved?.relationships.map(\.name) == ["author"])
        #expect(resolved?.relationships.first?.isNullable == false)
        #expect(model.inconsistencies.map(\.type) == ["object_relation", "object_relation", "object_relation"])
    }

    @Test("an unreachable source is an inconsistency")
    func unreachableSource() {
        let model = ModelResolver.resolve(
            metadata: Self.source([TableMetadata(table: Self.table("author"))]), catalogs: [:],
            unreachableSources: ["default": "refused"])
        #expect(model.allTables.isEmpty)
        #expect(model.inconsistencies.first?.type == "source")
        #expect(model.inconsistencies.first?.reason == "refused")
    }

    @Test("tracking every table infers relationships with the console's names")
    func trackAll() {
        let source = SourceMetadata.trackingAllTables(
            name: "default", kind: .postgres, databaseURL: nil, catalog: ExampleCatalog.make(.postgres))
        let byName = Dictionary(uniqueKeysWithValues: source.tables.map { ($0.table.name, $0) })
        #expect(source.tables.map(\.table.name) == ["article", "article_tag", "author", "comment", "tag"])
        #expect(byName["article"]?.objectRelationships.map(\.name) == ["author"])
        #expect(byName["article"]?.arrayRelationships.map(\.name) == ["article_tags", "comments"])
        #expect(byName["author"]?.arrayRelationships.map(\.name) == ["articles", "comments"])
        #expect(byName["comment"]?.objectRelationships.map(\.name) == ["article", "author"])
        let model = ModelResolver.resolve(
            metadata: Metadata(sources: [source]), catalogs: ["default": ExampleCatalog.make(.postgres)])
        #expect(model.inconsistencies.isEmpty)
    }

    @Test("clashing inferred names get a deterministic suffix")
    func trackAllClash() {
        let person = CatalogTable(
            name: Self.table("person"),
            columns: [CatalogColumn(name: "id", databaseType: "integer", scalar: .int, isNullable: false)],
            primaryKey: ["id"])
        let message = CatalogTable(
            name: Self.table("message"),
            columns: ["id", "sender_id", "recipient_id"].map {
                CatalogColumn(name: $0, databaseType: "integer", scalar: .int, isNullable: false)
            },
            primaryKey: ["id"],
            foreignKeys: [
                ForeignKey(
                    name: "m_s", columns: ["sender_id"], referencedTable: Self.table("person"),
                    referencedColumns: ["id"]),
                ForeignKey(
                    name: "m_r", columns: ["recipient_id"], referencedTable: Self.table("person"),
                    referencedColumns: ["id"]),
            ])
        let source = SourceMetadata.trackingAllTables(
            name: "default", kind: .postgres, databaseURL: nil, catalog: Catalog(tables: [person, message]))
        let byName = Dictionary(uniqueKeysWithValues: source.tables.map { ($0.table.name, $0) })
        #expect(byName["message"]?.objectRelationships.map(\.name) == ["person", "person_by_sender_id"])
        #expect(byName["person"]?.arrayRelationships.map(\.name) == ["messages", "messages_by_sender_id"])
    }

    @Test(
        "names follow custom_name, custom_root_fields and schemas",
        arguments: [
            ("public", nil, "author", "author_by_pk", "author_aggregate"),
            ("auth", nil, "auth_author", "auth_author_by_pk", "auth_author_aggregate"),
            ("public", "writer", "writer", "writerById", "writer_aggregate"),
        ])
    func naming(schema: String, customName: String?, select: String, byPK: String, aggregate: String) {
        var configuration = TableConfiguration(customName: customName)
        if customName != nil { configuration.customRootFields = ["select_by_pk": "writerById"] }
        let names = TableNames(
            table: QualifiedTableName(schema: schema, name: "author"), configuration: configuration,
            defaultSchema: "public")
        #expect(names.select == select)
        #expect(names.selectByPK == byPK)
        #expect(names.selectAggregate == aggregate)
        #expect(names.boolExp == (customName ?? (schema == "public" ? "author" : "auth_author")) + "_bool_exp")
    }

    @Test(
        "plurals",
        arguments: [
            ("article", "articles"), ("category", "categories"), ("box", "boxes"), ("tags", "tags"), ("day", "days"),
        ])
    func plural(word: String, plural: String) {
        #expect(HasuraNames.pluralize(word) == plural)
    }
}
