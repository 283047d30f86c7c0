import Foundation
import MinistackCore
import MinistackTesting
import Testing

/// `ministack metadata …` run as a user runs it, against `ministack serve` over a scratch copy of
/// the example project. The commands work in their own folders (`exported/`, `work/`), never in
/// the `metadata/` folder the server was started with.
@Suite("The ministack metadata commands", .serialized)
struct MetadataCommandTests {
    static let secret = "metadata-secret"
    static let comment = "databases/default/tables/main_comment.yaml"

    /// A running server and the scratch project it serves.
    struct Stage {
        let project: ScratchProject
        let server: BuiltBinary.Server

        init() async throws {
            project = try ScratchProject()
            server = try BuiltBinary.Server(["--admin-secret", MetadataCommandTests.secret], in: project.directory)
            try await server.waitUntilHealthy()
        }

        /// Runs `ministack metadata <arguments>` against the server with the admin secret.
        func metadata(_ arguments: [String], environment: [String: String] = [:]) throws -> BuiltBinary.Output {
            try BuiltBinary.run(
                ["metadata"] + arguments, in: project.directory,
                environment: [
                    "MINISTACK_ENDPOINT": "http://127.0.0.1:\(server.port)",
                    "MINISTACK_ADMIN_SECRET": MetadataCommandTests.secret,
                ].merging(environment) { $1 })
        }

        func files(in folder: String) throws -> [String: String] {
            let root = project.directory + "/" + folder
            var files: [String: String] = [:]
            for path in try FileManager.default.subpathsOfDirectory(atPath: root) {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory),
                    !isDirectory.boolValue
                else { continue }
                files[path] = try String(contentsOfFile: root + "/" + path, encoding: .utf8)
            }
            return files
        }

        func remove(_ path: String) throws {
            try FileManager.default.removeItem(atPath: project.directory + "/" + path)
        }

        func graphQL(_ query: String) async throws -> String {
            try await server.post(
                "/v1/graphql", body: JSONValue.fields([("query", .string(query))]).serialized,
                headers: ["x-hasura-admin-secret": MetadataCommandTests.secret]
            ).1
        }

        /// Exports into `folder`, then drops the `tag` table: its file, its include line and the
        /// relationship `article_tag.tag` that points to it.
        func exportWithoutTagTable(to folder: String) throws {
            #expect(try metadata(["export", "--metadata-dir", folder]).status == 0)
            try remove("\(folder)/databases/default/tables/main_tag.yaml")
            let tables = "\(folder)/databases/default/tables/tables.yaml"
            try project.write(
                try files(in: folder)["databases/default/tables/tables.yaml"]!.replacingOccurrences(
                    of: "- \"!include main_tag.yaml\"\n", with: ""), to: tables)
            try project.write(
                """
                table:
                  name: article_tag
                object_relationships:
                  - name: article
                    using:
                      foreign_key_constraint_on: article_id

                """, to: "\(folder)/databases/default/tables/main_article_tag.yaml")
        }
    }

    @Test("metadata --help lists the subcommands, and each one's help has examples and exit codes")
    func help() throws {
        let output = try BuiltBinary.run(["metadata", "--help"])
        #expect(output.status == 0)
        for word in ["export", "apply", "diff", "reload", "inconsistency"] {
            #expect(output.text.contains(word), "missing \(word)")
        }
        for command in [["export"], ["apply"], ["diff"], ["reload"], ["inconsistency", "list"]] {
            let help = try BuiltBinary.run(["metadata"] + command + ["--help"])
            #expect(help.status == 0)
            for word in [
                "Examples:", "Exit codes:", "--endpoint", "--admin-secret", "MINISTACK_ENDPOINT",
                "HASURA_GRAPHQL_ENDPOINT",
                "MINISTACK_ADMIN_SECRET", "HASURA_GRAPHQL_ADMIN_SECRET",
            ] {
                #expect(help.text.contains(word), "\(command): missing \(word)")
            }
        }
        #expect(try BuiltBinary.run(["metadata", "apply", "--help"]).text.contains("--allow-inconsistent"))
    }

    @Test("export writes the example's directory back, file for file, and replaces an older export")
    func export() async throws {
        let stage = try await Stage()
        let first = try stage.metadata(["export", "--metadata-dir", "exported"])
        #expect(first.status == 0, "\(first.text)")
        #expect(first.text.contains("5 tables"), "\(first.text)")
        let example = try ExampleProject.metadataFiles()
        let exported = try stage.files(in: "exported")
        #expect(exported.keys.sorted() == example.keys.sorted())
        for (path, text) in exported.sorted(by: { $0.key < $1.key }) where path != Self.comment {
            #expect(text == example[path], "\(path)")
        }
        #expect(exported[Self.comment] == example[Self.comment])

        try stage.project.write("table:\n  name: gone\n", to: "exported/databases/default/tables/main_gone.yaml")
        try stage.project.write("# notes\n", to: "exported/README.md")
        #expect(try stage.metadata(["export", "--metadata-dir", "exported"]).status == 0)
        var again = try stage.files(in: "exported")
        #expect(again.removeValue(forKey: "README.md") == "# notes\n")
        #expect(again == exported)
        #expect(stage.server.stop() == 0)
    }

    @Test("apply of a directory without the tag table removes it from the schema and says so")
    func apply() async throws {
        let stage = try await Stage()
        try stage.exportWithoutTagTable(to: "work")
        let output = try stage.metadata(["apply", "--metadata-dir", "work"])
        #expect(output.status == 0, "\(output.text)")
        #expect(output.text.contains("default: 1 table removed (tag); 1 table changed (article_tag)"), "\(output.text)")
        #expect(try await stage.graphQL("{ tag { id } }").contains("validation-failed"))
        #expect(try await stage.graphQL("{ article_tag(limit: 1) { article { id } } }").contains(#"{"article":{"id":"#))
        let diff = try stage.metadata(["diff", "--metadata-dir", "work"])
        #expect(diff.status == 0, "\(diff.text)")
        let again = try stage.metadata(["apply", "--metadata-dir", "work"])
        #expect(again.status == 0)
        #expect(again.text.contains("no changes"), "\(again.text)")
        #expect(stage.server.stop() == 0)
    }

    @Test("apply of an inconsistent directory exits 1 and changes nothing; --allow-inconsistent applies it")
    func applyInconsistent() async throws {
        let stage = try await Stage()
        try stage.exportWithoutTagTable(to: "work")
        try stage.project.write("table:\n  name: nope\n", to: "work/databases/default/tables/main_nope.yaml")
        let tables = try stage.files(in: "work")["databases/default/tables/tables.yaml"]!
        try stage.project.write(
            tables + "- \"!include main_nope.yaml\"\n", to: "work/databases/default/tables/tables.yaml")

        let refused = try stage.metadata(["apply", "--metadata-dir", "work"])
        #expect(refused.status == 1, "\(refused.text)")
        #expect(refused.text.contains("nope"), "\(refused.text)")
        #expect(refused.text.contains("--allow-inconsistent"), "\(refused.text)")
        #expect(try await stage.graphQL("{ tag_by_pk(id: 3) { name } }").contains("food"))
        #expect(try stage.metadata(["inconsistency", "list"]).status == 0)

        let allowed = try stage.metadata(["apply", "--metadata-dir", "work", "--allow-inconsistent"])
        #expect(allowed.status == 0, "\(allowed.text)")
        #expect(allowed.text.contains("1 table added (nope)"), "\(allowed.text)")
        #expect(try await stage.graphQL("{ tag { id } }").contains("validation-failed"))
        let listed = try stage.metadata(["inconsistency", "list"])
        #expect(listed.status == 1)
        #expect(listed.text.contains("1 inconsistent object"), "\(listed.text)")
        #expect(listed.text.contains("nope"), "\(listed.text)")
        #expect(stage.server.stop() == 0)
    }

    @Test(
        "diff exits 0 when the directory matches and 1 with a unified diff when not",
        arguments: ["/usr/bin/diff", "built-in"])
    func diff(tool: String) async throws {
        let stage = try await Stage()
        let environment = tool == "built-in" ? ["MINISTACK_BUILTIN_DIFF": "1"] : [:]
        #expect(try stage.metadata(["export", "--metadata-dir", "work"]).status == 0)
        let same = try stage.metadata(["diff", "--metadata-dir", "work"], environment: environment)
        #expect(same.status == 0, "\(same.text)")
        #expect(same.text.contains("No differences"))

        try stage.exportWithoutTagTable(to: "work")
        let different = try stage.metadata(["diff", "--metadata-dir", "work"], environment: environment)
        #expect(different.status == 1)
        #expect(
            different.text.contains(
                """
                --- server/databases/default/tables/tables.yaml
                +++ work/databases/default/tables/tables.yaml
                @@ -2,4 +2,3 @@
                 - "!include main_article_tag.yaml"
                 - "!include main_author.yaml"
                 - "!include main_comment.yaml"
                -- "!include main_tag.yaml"
                """), "\(different.text)")
        #expect(
            different.text.contains(
                "--- server/databases/default/tables/main_tag.yaml\n+++ /dev/null\n@@ -1,18 +0,0 @@\n-table:\n"))
        #expect(different.text.contains("-  - name: tag\n"))
        #expect(!different.text.contains("\u{1B}["), "colours only on a terminal")
        #expect(stage.server.stop() == 0)
    }

    @Test("reload exits 0 on consistent metadata")
    func reload() async throws {
        let stage = try await Stage()
        let output = try stage.metadata(["reload"])
        #expect(output.status == 0, "\(output.text)")
        #expect(output.text.contains("Reloaded"))
        #expect(try await stage.graphQL("{ tag_by_pk(id: 3) { name } }").contains("food"))
        #expect(stage.server.stop() == 0)
    }

    @Test(
        "a wrong admin secret, an unreachable server, a bad endpoint or a missing directory exit 2 with a clear message"
    )
    func unusable() async throws {
        let stage = try await Stage()
        let wrongSecret = try stage.metadata(["export", "--admin-secret", "wrong", "--metadata-dir", "exported"])
        #expect(wrongSecret.status == 2)
        #expect(wrongSecret.text.contains("refused the admin secret"), "\(wrongSecret.text)")
        #expect(!FileManager.default.fileExists(atPath: stage.project.directory + "/exported"))
        #expect(try stage.metadata(["diff"], environment: ["MINISTACK_ADMIN_SECRET": ""]).status == 2)

        let port = try FreePort.find()
        let unreachable = try stage.metadata(["apply", "--endpoint", "http://127.0.0.1:\(port)"])
        #expect(unreachable.status == 2)
        #expect(unreachable.text.contains("cannot reach the server at http://127.0.0.1:\(port)"), "\(unreachable.text)")

        let badEndpoint = try stage.metadata(["reload", "--endpoint", "localhost:8080"])
        #expect(badEndpoint.status == 2)
        #expect(badEndpoint.text.contains("--endpoint must be an http:// or https:// URL"), "\(badEndpoint.text)")

        let missing = try stage.metadata(["apply", "--metadata-dir", "nowhere"])
        #expect(missing.status == 2)
        #expect(missing.text.contains("no metadata directory at nowhere"), "\(missing.text)")
        #expect(stage.server.stop() == 0)
    }

    @Test("a YAML syntax error in the directory exits 1 naming the file and line, before calling the server")
    func syntaxError() throws {
        let project = try ScratchProject()
        try project.write("- name: default\n  kind: [sqlite\n", to: "metadata/databases/databases.yaml")
        let output = try BuiltBinary.run(
            ["metadata", "apply", "--endpoint", "http://127.0.0.1:\(try FreePort.find())"], in: project.directory)
        #expect(output.status == 1, "\(output.text)")
        #expect(output.text.contains("databases/databases.yaml:"), "\(output.text)")
    }
}
