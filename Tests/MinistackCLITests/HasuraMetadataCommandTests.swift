import Foundation
import MinistackCore
import MinistackTesting
import Testing

/// A metadata directory exported by Hasura (`Tests/Fixtures/hasura-metadata`: tables with
/// relationships, permissions and event triggers, actions with custom types, remote schemas,
/// inherited roles, the allow list, query collections, cron triggers) applied to a server over
/// the example's Postgres database with `ministack metadata apply`, then exported back.
@Suite("The ministack metadata commands with a Hasura-exported directory", .serialized)
struct HasuraMetadataCommandTests {
    static let secret = "hasura-fixture-secret"

    /// What the fixture's `{{ENV}}` templates and `*_from_env` settings need.
    static let environment = [
        "EVENTS_BASE_URL": "http://events.local", "WEBHOOK_SECRET": "s3cret",
        "AUTHOR_WEBHOOK_URL": "http://authors.local",
        "ACTION_BASE_URL": "http://actions.local", "ACTION_SECRET": "a",
        "COUNTRIES_GRAPHQL_URL": "http://countries.local",
        "COUNTRIES_API_KEY": "key", "SEARCH_BASE_URL": "http://search.local",
    ]

    @Test("apply works, and export gives back the same files byte for byte")
    func applyAndExport() async throws {
        let cluster = try await PostgresCluster.shared()
        let url = try await cluster.createDatabase(named: "hasura_fixture_\(UInt32.random(in: 0...UInt32.max))")
        let project = try ScratchProject(copyingExample: false)
        try FileManager.default.createDirectory(
            atPath: project.directory + "/empty", withIntermediateDirectories: true)
        // The fixture's two remote schemas are introspected when the metadata is applied.
        let remote = try await IntrospectionOnlyServer.start()
        defer { remote.stop() }
        let remotes = ["COUNTRIES_GRAPHQL_URL": remote.baseURL + "/graphql", "SEARCH_BASE_URL": remote.baseURL]
        let server = try BuiltBinary.Server(
            ["--database-url", url, "--metadata-dir", "empty", "--admin-secret", Self.secret], in: project.directory,
            environment: Self.environment.merging(["PG_DATABASE_URL": url]) { $1 }.merging(remotes) { $1 })
        try await server.waitUntilHealthy()
        let seed = JSONValue.fields([
            ("type", .string("run_sql")),
            ("args", .fields([("sql", .string(try ExampleProject.seed(for: .postgres)))])),
        ])
        let (seeded, seedAnswer) = try await server.post(
            "/v2/query", body: seed.serialized, headers: ["x-hasura-admin-secret": Self.secret])
        #expect(seeded == 200, "\(seedAnswer)")

        func metadata(_ arguments: [String]) throws -> BuiltBinary.Output {
            try BuiltBinary.run(
                ["metadata"] + arguments, in: project.directory,
                environment: [
                    "MINISTACK_ENDPOINT": "http://127.0.0.1:\(server.port)", "MINISTACK_ADMIN_SECRET": Self.secret,
                ])
        }
        let fixture = ExampleProject.hasuraMetadataDirectory
        let applied = try metadata(["apply", "--metadata-dir", fixture])
        #expect(applied.status == 0, "\(applied.text)\n\(server.output)")
        #expect(applied.text.contains("default: 5 tables added"), "\(applied.text)")
        #expect(try metadata(["inconsistency", "list"]).status == 0)

        let exported = try metadata(["export", "--metadata-dir", "exported"])
        #expect(exported.status == 0, "\(exported.text)")
        let expected = try ExampleProject.files(in: fixture)
        let written = try ExampleProject.files(in: project.directory + "/exported")
        #expect(written.keys.sorted() == expected.keys.sorted())
        for (path, text) in written.sorted(by: { $0.key < $1.key }) {
            #expect(text == expected[path], "\(path)")
        }
        #expect(try metadata(["diff", "--metadata-dir", fixture]).status == 0)

        let (_, answer) = try await server.post(
            "/v1/graphql",
            body: #"{"query": "{ article_by_pk(id: 1) { title author { name } } }"}"#,
            headers: ["x-hasura-admin-secret": Self.secret])
        #expect(
            try JSONParser.parse(answer)["data"]?["article_by_pk"]?["author"]?["name"] == .string("Ada Lovelace"),
            "\(answer)")
        #expect(server.stop() == 0)
    }
}
