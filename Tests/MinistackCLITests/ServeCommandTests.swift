import Foundation
import MinistackCore
import Testing

@Suite("The ministack command", .serialized)
struct ServeCommandTests {
    @Test("--help lists the commands")
    func help() throws {
        let output = try BuiltBinary.run(["--help"])
        #expect(output.status == 0)
        #expect(output.text.contains("serve"))
        #expect(output.text.contains("version"))
    }

    @Test("serve --help explains every flag and its environment variables")
    func serveHelp() throws {
        let output = try BuiltBinary.run(["serve", "--help"])
        #expect(output.status == 0)
        for word in [
            "--database-url", "--metadata-dir", "--host", "--port", "--admin-secret", "--track-all",
            "MINISTACK_DATABASE_URL", "HASURA_GRAPHQL_DATABASE_URL", "MINISTACK_PORT", "HASURA_GRAPHQL_SERVER_PORT",
            "MINISTACK_ADMIN_SECRET", "HASURA_GRAPHQL_ADMIN_SECRET",
        ] {
            #expect(output.text.contains(word), "missing \(word)")
        }
    }

    @Test(
        "bad flags are usage errors before anything starts",
        arguments: [
            ["serve", "--port", "70000"], ["serve", "--database-url", "mysql://x"], ["serve", "--log-level", "loud"],
            ["serve", "--nope"],
        ])
    func badFlags(_ arguments: [String]) throws {
        let output = try BuiltBinary.run(arguments)
        #expect(output.status == 2, "\(output.text)")
    }

    @Test("a YAML syntax error names the file and line and exits non-zero")
    func yamlSyntaxError() throws {
        let project = try ScratchProject()
        try project.write("- name: default\n  kind: [sqlite\n", to: "metadata/databases/databases.yaml")
        let output = try BuiltBinary.run(["serve", "--port", String(try FreePort.find())], in: project.directory)
        #expect(output.status == 1)
        #expect(output.text.contains("databases/databases.yaml:"), "\(output.text)")
    }

    @Test("serve with no flags creates, seeds and serves the embedded SQLite example; SIGTERM stops it")
    func serveDefault() async throws {
        let project = try ScratchProject()
        let server = try BuiltBinary.Server([], in: project.directory)
        try await server.waitUntilHealthy()
        #expect(FileManager.default.fileExists(atPath: project.directory + "/ministack.sqlite"))
        let (status, body) = try await server.post(
            "/v1/graphql",
            body: #"{"query": "{ author_by_pk(id: 1) { name articles_aggregate { aggregate { count } } } }"}"#)
        #expect(status == 200)
        #expect(
            try JSONParser.parse(body)
                == JSONParser.parse(
                    #"{"data":{"author_by_pk":{"name":"Ada Lovelace","articles_aggregate":{"aggregate":{"count":4}}}}}"#
                ))
        let (_, version) = try await server.get("/v1/version")
        #expect(version.contains("version"))
        #expect(server.stop() == 0, "\(server.output)")
    }

    @Test("--track-all with no metadata tracks every table with inferred relationships")
    func trackAll() async throws {
        let project = try ScratchProject()
        let server = try BuiltBinary.Server(
            ["--metadata-dir", "nothing-here", "--seeds-dir", "seeds", "--database-url", "blog.db", "--track-all"],
            in: project.directory)
        try await server.waitUntilHealthy()
        let (_, body) = try await server.post(
            "/v1/graphql",
            body:
                #"{"query": "{ comment(where: {id: {_eq: 1}}) { article { title author { name } } } tag_by_pk(id: 1) { article_tags_aggregate { aggregate { count } } } }"}"#
        )
        #expect(
            try JSONParser.parse(body)
                == JSONParser.parse(
                    #"{"data":{"comment":[{"article":{"title":"Notes on the Analytical Engine","author":{"name":"Ada Lovelace"}}}],"tag_by_pk":{"article_tags_aggregate":{"aggregate":{"count":4}}}}}"#
                ))
        #expect(server.stop() == 0)
    }

    @Test("--admin-secret and its environment variables protect /v1/graphql")
    func adminSecret() async throws {
        let project = try ScratchProject()
        let server = try BuiltBinary.Server(["--admin-secret", "letmein"], in: project.directory)
        try await server.waitUntilHealthy()
        let (_, denied) = try await server.post("/v1/graphql", body: #"{"query": "{ tag { id } }"}"#)
        #expect(denied.contains("access-denied"))
        let (_, allowed) = try await server.post(
            "/v1/graphql", body: #"{"query": "{ tag_by_pk(id: 3) { name } }"}"#,
            headers: ["x-hasura-admin-secret": "letmein"])
        #expect(try JSONParser.parse(allowed) == JSONParser.parse(#"{"data":{"tag_by_pk":{"name":"food"}}}"#))
        #expect(server.stop() == 0)
    }
}

@Suite("Metadata stored in the database", .serialized)
struct StoredMetadataTests {
    @Test("a server started without a metadata directory serves the metadata an earlier one stored")
    func restartWithoutMetadataDirectory() async throws {
        let project = try ScratchProject()
        let first = try BuiltBinary.Server([], in: project.directory)
        try await first.waitUntilHealthy()
        #expect(first.stop() == 0)
        try FileManager.default.removeItem(atPath: project.directory + "/metadata")
        let second = try BuiltBinary.Server([], in: project.directory)
        try await second.waitUntilHealthy()
        let (_, body) = try await second.post(
            "/v1/graphql", body: #"{"query": "{ comment_by_pk(id: 1) { commenter { name } } }"}"#)
        #expect(
            try JSONParser.parse(body)
                == JSONParser.parse(#"{"data":{"comment_by_pk":{"commenter":{"name":"José Álvarez"}}}}"#))
        #expect(second.output.contains("using the metadata stored in the database"))
        #expect(second.stop() == 0)
    }
}

@Suite("serve --watch and metadata validate", .serialized)
struct WatchAndValidateTests {
    @Test("--watch applies an edited metadata directory")
    func watch() async throws {
        let project = try ScratchProject()
        let server = try BuiltBinary.Server(["--watch"], in: project.directory)
        try await server.waitUntilHealthy()
        let tablesFile = project.directory + "/metadata/databases/default/tables/tables.yaml"
        let tables = try String(contentsOfFile: tablesFile, encoding: .utf8)
        try tables.split(separator: "\n").filter { !$0.contains("main_tag.yaml") }.joined(separator: "\n")
            .write(toFile: tablesFile, atomically: true, encoding: .utf8)
        var answer = ""
        for _ in 0..<50 {
            try await Task.sleep(for: .milliseconds(200))
            (_, answer) = try await server.post("/v1/graphql", body: #"{"query": "{ tag { id } }"}"#)
            if answer.contains("not found") { break }
        }
        #expect(answer.contains("field 'tag' not found in type: 'query_root'"), "\(server.output)")
        #expect(server.output.contains("tables removed main.tag"))
        #expect(server.stop() == 0)
    }

    @Test("metadata changed through /v1/metadata is written back to the metadata directory")
    func writeBack() async throws {
        let project = try ScratchProject()
        let server = try BuiltBinary.Server([], in: project.directory)
        try await server.waitUntilHealthy()
        let (status, _) = try await server.post(
            "/v1/metadata",
            body: #"{"type": "sqlite_untrack_table", "args": {"table": {"name": "tag"}, "cascade": true}}"#)
        #expect(status == 200)
        let tablesDirectory = project.directory + "/metadata/databases/default/tables"
        #expect(!FileManager.default.fileExists(atPath: tablesDirectory + "/main_tag.yaml"))
        let tables = try String(contentsOfFile: tablesDirectory + "/tables.yaml", encoding: .utf8)
        #expect(!tables.contains("main_tag.yaml"))
        #expect(tables.contains("main_author.yaml"))
        let articleTag = try String(contentsOfFile: tablesDirectory + "/main_article_tag.yaml", encoding: .utf8)
        #expect(!articleTag.contains("name: tag"))
        #expect(server.stop() == 0)
    }

    @Test("metadata validate checks a directory against a database without a server")
    func validate() async throws {
        let project = try ScratchProject()
        // The embedded example database, created and seeded by a first serve.
        let server = try BuiltBinary.Server([], in: project.directory)
        try await server.waitUntilHealthy()
        #expect(server.stop() == 0)
        let consistent = try BuiltBinary.run(
            ["metadata", "validate", "--database-url", "ministack.sqlite"], in: project.directory)
        #expect(consistent.status == 0, "\(consistent.text)")
        #expect(consistent.text.contains("consistent: 5 tracked tables"))
        try "".write(toFile: project.directory + "/empty.db", atomically: true, encoding: .utf8)
        let inconsistent = try BuiltBinary.run(
            ["metadata", "validate", "--database-url", "empty.db"], in: project.directory)
        #expect(inconsistent.status == 1)
        #expect(inconsistent.text.contains("no such table/view exists in source: \"author\""))
        let unreachable = try BuiltBinary.run(
            ["metadata", "validate", "--database-url", "postgres://nobody@127.0.0.1:1/none"], in: project.directory)
        #expect(unreachable.status == 2, "\(unreachable.text)")
    }
}
