import MinistackCore
import Testing

@Suite("Reading a Hasura metadata directory")
struct MetadataReaderTests {
    static let files: [String: String] = [
        "version.yaml": "version: 3\n",
        "databases/databases.yaml": """
        - name: default
          kind: postgres
          configuration:
            connection_info:
              database_url:
                from_env: PG_DATABASE_URL
          tables: "!include default/tables/tables.yaml"
        """,
        "databases/default/tables/tables.yaml": "- \"!include public_article.yaml\"\n- !include auth_user.yaml\n",
        "databases/default/tables/public_article.yaml": """
        table:
          name: article
          schema: public
        configuration:
          custom_name: post
          custom_root_fields:
            select_by_pk: postById
          column_config:
            author_id:
              custom_name: authorId
        object_relationships:
          - name: author
            using:
              foreign_key_constraint_on: author_id
        array_relationships:
          - name: comments
            using:
              foreign_key_constraint_on:
                table: {name: comment, schema: public}
                column: article_id
          - name: tagged
            using:
              manual_configuration:
                remote_table: {name: tag, schema: public}
                column_mapping: {id: article_id, author_id: owner_id}
        """,
        "databases/default/tables/auth_user.yaml": "table: [auth, user]\n",
        "actions.graphql": "type Query { hello: String }\n",
        "actions.yaml":
            "actions:\n  - name: hello\n    definition:\n      kind: \"\"\n      handler: http://localhost:3000/hello\n",
        "remote_schemas.yaml": "[]\n",
    ]

    @Test("follows !include in both spellings and decodes tables")
    func readsDirectory() throws {
        let metadata = try MetadataReader.read(files: Self.files)
        #expect(metadata.version == 3)
        let source = try #require(metadata.sources.first)
        #expect(source.kind == .postgres)
        #expect(source.databaseURL == .fromEnvironment("PG_DATABASE_URL"))
        #expect(
            source.tables.map(\.table) == [
                QualifiedTableName(schema: "public", name: "article"), QualifiedTableName(schema: "auth", name: "user"),
            ])
        let article = source.tables[0]
        #expect(article.configuration.customName == "post")
        #expect(article.configuration.customRootFields == ["select_by_pk": "postById"])
        #expect(article.configuration.customColumnNames == ["author_id": "authorId"])
        #expect(article.objectRelationships.first?.using == .localForeignKey(columns: ["author_id"]))
        #expect(
            article.arrayRelationships.first?.using
                == .remoteForeignKey(
                    table: QualifiedTableName(schema: "public", name: "comment"), columns: ["article_id"]))
        #expect(
            article.arrayRelationships.last?.using
                == .manual(
                    remoteTable: QualifiedTableName(schema: "public", name: "tag"),
                    columnMapping: [
                        ColumnPair(local: "id", remote: "article_id"),
                        ColumnPair(local: "author_id", remote: "owner_id"),
                    ]))
        #expect(
            metadata.actions == [
                ActionMetadata(
                    name: "hello",
                    definition: ActionDefinition(
                        handler: URLTemplate("http://localhost:3000/hello"), outputType: "String", type: .query))
            ])
        #expect(metadata.otherFiles["remote_schemas.yaml"] == .array([]))
    }

    @Test("reports a YAML syntax error with its file and line")
    func syntaxError() {
        var files = Self.files
        files["databases/default/tables/auth_user.yaml"] = "table:\n  name: [user\n  schema: auth\n"
        #expect {
            try MetadataReader.read(files: files)
        } throws: { error in
            guard case .syntax(let file, let line, _)? = error as? MetadataError else { return false }
            return file == "databases/default/tables/auth_user.yaml" && line != nil
                && (error as! MetadataError).description.contains("auth_user.yaml:")
        }
    }

    @Test("reports a missing included file")
    func missingInclude() {
        var files = Self.files
        files["databases/default/tables/public_article.yaml"] = nil
        #expect(
            throws: MetadataError.missingFile(
                "databases/default/tables/public_article.yaml", includedFrom: "databases/default/tables/tables.yaml")
        ) {
            try MetadataReader.read(files: files)
        }
    }

    @Test("reports a wrong shape with its path")
    func wrongShape() {
        var files = Self.files
        files["databases/default/tables/auth_user.yaml"] = "table: {schema: auth}\n"
        #expect(
            throws: MetadataError.invalidShape(
                file: "databases/default/tables/auth_user.yaml", path: "$.table", message: "missing field 'name'")
        ) {
            try MetadataReader.read(files: files)
        }
    }

    @Test("moves schema-less tables when a source changes database kind")
    func switchingKind() throws {
        let source = SourceMetadata(
            name: "default", kind: .sqlite, databaseURL: nil,
            tables: [TableMetadata(table: QualifiedTableName(schema: "main", name: "author"))])
        #expect(source.switching(to: .postgres).tables[0].table == QualifiedTableName(schema: "public", name: "author"))
    }
}
