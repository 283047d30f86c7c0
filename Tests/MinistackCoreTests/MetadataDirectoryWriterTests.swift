import MinistackCore
import MinistackTesting
import Testing

@Suite("Writing a Hasura metadata directory from export JSON")
struct MetadataDirectoryWriterTests {
    static let twoSources = #"""
        {"version": 3, "sources": [
          {"name": "default", "kind": "postgres",
           "tables": [
             {"table": {"name": "author", "schema": "public"},
              "array_relationships": [{"name": "articles", "using": {"foreign_key_constraint_on":
                {"column": "author_id", "table": {"name": "article", "schema": "public"}}}}],
              "select_permissions": [{"role": "user", "permission": {"columns": ["id", "name"],
                "filter": {"id": {"_eq": "X-Hasura-User-Id"}}, "limit": 10, "allow_aggregations": true}}]},
             {"table": {"name": "article", "schema": "public"},
              "object_relationships": [{"name": "author", "using": {"foreign_key_constraint_on": "author_id"}}]},
             {"table": {"name": "user", "schema": "auth"}, "configuration": {"custom_name": "auth_user"}}],
           "configuration": {"connection_info": {"database_url": {"from_env": "PG_DATABASE_URL"},
             "pool_settings": {"max_connections": 50}}}},
          {"name": "local", "kind": "sqlite",
           "tables": [{"table": {"name": "note"},
             "event_triggers": [{"name": "note_created", "definition": {"enable_manual": true, "insert": {"columns": "*"}},
               "retry_conf": {"num_retries": 3, "interval_sec": 10, "timeout_sec": 60},
               "webhook": "{{NOTE_WEBHOOK}}/created"}]}],
           "configuration": {"connection_info": {"database_url": "sqlite:notes.db"}}}],
         "remote_schemas": [{"name": "python", "definition": {"url": "http://localhost:5000/graphql",
           "timeout_seconds": 60, "forward_client_headers": false}, "comment": ""}],
         "inherited_roles": [{"role_name": "manager", "role_set": ["user", "editor"]}]}
        """#

    @Test("the example directory survives read → export → write → read unchanged")
    func roundTripsTheExample() throws {
        let original = try MetadataReader.read(files: ExampleProject.metadataFiles()).exportJSON
        let written = try MetadataDirectoryWriter.files(for: original)
        #expect(try MetadataReader.read(files: written).exportJSON == original)
        #expect(try MetadataDirectoryWriter.files(for: original) == written)
    }

    @Test("the example's files are written back with the same names and text")
    func reproducesTheExampleFiles() throws {
        let files = try ExampleProject.metadataFiles()
        let written = try MetadataDirectoryWriter.files(for: MetadataReader.read(files: files).exportJSON)
        #expect(written.keys.sorted() == files.keys.sorted())
        let comment = "databases/default/tables/main_comment.yaml"
        for (path, text) in written.sorted(by: { $0.key < $1.key }) where path != comment {
            #expect(text == files[path], "\(path)")
        }
        #expect(written[comment] == files[comment])
    }

    @Test("two sources get their own table folders, and the files read back to the same metadata")
    func writesTwoSources() throws {
        let json = try JSONParser.parse(Self.twoSources)
        let files = try MetadataDirectoryWriter.files(for: json)
        #expect(
            files["databases/databases.yaml"] == """
                - name: default
                  kind: postgres
                  configuration:
                    connection_info:
                      database_url:
                        from_env: PG_DATABASE_URL
                      pool_settings:
                        max_connections: 50
                  tables: "!include default/tables/tables.yaml"
                - name: local
                  kind: sqlite
                  configuration:
                    connection_info:
                      database_url: sqlite:notes.db
                  tables: "!include local/tables/tables.yaml"

                """)
        #expect(
            files["databases/default/tables/tables.yaml"] == """
                - "!include public_author.yaml"
                - "!include public_article.yaml"
                - "!include auth_user.yaml"

                """)
        #expect(files["databases/local/tables/tables.yaml"] == "- \"!include main_note.yaml\"\n")
        #expect(
            files["databases/local/tables/main_note.yaml"] == """
                table:
                  name: note
                event_triggers:
                  - name: note_created
                    definition:
                      enable_manual: true
                      insert:
                        columns: "*"
                    retry_conf:
                      num_retries: 3
                      interval_sec: 10
                      timeout_sec: 60
                    webhook: "{{NOTE_WEBHOOK}}/created"

                """)
        #expect(files["actions.graphql"] == "")
        #expect(files["allow_list.yaml"] == "[]\n")
        #expect(files["network.yaml"] == "{}\n")
        #expect(files["graphql_schema_introspection.yaml"] == "disabled_for_roles: []\n")
        #expect(
            files["inherited_roles.yaml"] == """
                - role_name: manager
                  role_set:
                    - user
                    - editor

                """)

        let metadata = try MetadataReader.read(files: files)
        #expect(metadata.sources.map(\.name) == ["default", "local"])
        #expect(metadata.sources[0].databaseURL == .fromEnvironment("PG_DATABASE_URL"))
        #expect(
            metadata.sources[0].tables.map(\.table) == [
                QualifiedTableName(schema: "public", name: "author"),
                QualifiedTableName(schema: "public", name: "article"),
                QualifiedTableName(schema: "auth", name: "user"),
            ])
        #expect(metadata.sources[1].tables.map(\.table) == [QualifiedTableName(schema: "main", name: "note")])
        let exported = metadata.exportJSON
        #expect(try MetadataReader.read(files: MetadataDirectoryWriter.files(for: exported)).exportJSON == exported)
        #expect(exported["remote_schemas"] == json["remote_schemas"])
        #expect(exported["sources"]?.arrayValue?[1]["tables"] == json["sources"]?.arrayValue?[1]["tables"])
    }

    @Test(
        "strings are plain only when YAML reads them back as the same string",
        arguments: [
            "plain text", "true", "null", "~", "12", "1.5", "yes", "y", "", " padded", "a: b", "a #b", "- item",
            "{{ENV}}", "*", "line one\nline two", "ends with newline\n", "tab\there", "quote\"s",
            "back\\slash", "2024-01-02", "ünïcödé", "0x1F", ".inf", "<<", "a:b", "-1", "trailing ",
        ])
    func quotesStrings(_ text: String) throws {
        let yaml = try MetadataDirectoryWriter.files(for: .fields([("rest_endpoints", .array([.string(text)]))]))[
            "rest_endpoints.yaml"]
        let files = ["rest_endpoints.yaml": try #require(yaml)]
        let metadata = try MetadataReader.read(files: files)
        #expect(metadata.otherFiles["rest_endpoints.yaml"] == .array([.string(text)]), "\(yaml ?? "")")
    }

    @Test("a value that is not exported metadata is an error naming where")
    func rejectsBadShapes() {
        #expect(
            throws: MetadataError.invalidShape(
                file: "metadata", path: "$.sources", message: "expected a list of sources")
        ) {
            try MetadataDirectoryWriter.files(for: .fields([("sources", .string("x"))]))
        }
        #expect(throws: MetadataError.self) {
            try MetadataDirectoryWriter.files(for: JSONParser.parse(#"{"sources": [{"name": "d", "tables": [{}]}]}"#))
        }
    }
}
