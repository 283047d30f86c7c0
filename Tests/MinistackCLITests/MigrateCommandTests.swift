import Foundation
import MinistackCore
import MinistackTesting
import Testing

/// `ministack migrate …` run as a user runs it, against `ministack serve` on SQLite (a scratch
/// copy of the example) and on Postgres (a scaffolded project over a fresh database).
@Suite("The ministack migrate commands", .serialized)
struct MigrateCommandTests {
    static let secret = "migrate-secret"

    struct Stage {
        let project: ScratchProject
        let server: BuiltBinary.Server

        init(project: ScratchProject, serveArguments: [String] = []) async throws {
            self.project = project
            server = try BuiltBinary.Server(
                ["--admin-secret", MigrateCommandTests.secret] + serveArguments, in: project.directory)
            try await server.waitUntilHealthy()
        }

        func migrate(_ arguments: [String]) throws -> BuiltBinary.Output {
            try BuiltBinary.run(
                ["migrate"] + arguments, in: project.directory,
                environment: [
                    "MINISTACK_ENDPOINT": "http://127.0.0.1:\(server.port)",
                    "MINISTACK_ADMIN_SECRET": MigrateCommandTests.secret,
                ])
        }

        /// Runs SQL through `/v2/query` and answers the raw body.
        func runSQL(_ sql: String) async throws -> (Int, String) {
            let body = JSONValue.fields([
                ("type", .string("run_sql")),
                ("args", .fields([("source", .string("default")), ("sql", .string(sql))])),
            ])
            return try await server.post(
                "/v2/query", body: body.serialized, headers: ["x-hasura-admin-secret": MigrateCommandTests.secret])
        }

        /// Creates a migration and answers its version (the last line of the output).
        func create(_ name: String, up: String, down: String) throws -> String {
            let output = try migrate(["create", name, "--up-sql", up, "--down-sql", down])
            #expect(output.status == 0, "\(output.text)")
            let version = output.text.split(separator: "\n").last.map { String($0.dropFirst("Version: ".count)) }
            // Versions are milliseconds: keep the next one distinct.
            Thread.sleep(forTimeInterval: 0.01)
            return version ?? ""
        }
    }

    @Test("migrate --help lists the subcommands, each with examples and exit codes")
    func help() throws {
        let output = try BuiltBinary.run(["migrate", "--help"])
        #expect(output.status == 0)
        for word in ["create", "apply", "status"] { #expect(output.text.contains(word), "missing \(word)") }
        for command in ["create", "apply", "status"] {
            let help = try BuiltBinary.run(["migrate", command, "--help"])
            #expect(help.status == 0)
            for word in ["Examples:", "Exit codes:", "--migrations-dir", "--database-name"] {
                #expect(help.text.contains(word), "\(command): missing \(word)")
            }
        }
        #expect(try BuiltBinary.run(["migrate", "apply", "--up", "1", "--down", "1"]).status == 2)
        #expect(try BuiltBinary.run(["migrate", "apply", "--type", "down"]).status == 2)
    }

    @Test("create writes <version>_<name>/up.sql and down.sql under migrations/default")
    func create() throws {
        let project = try ScratchProject(copyingExample: false)
        let output = try BuiltBinary.run(
            ["migrate", "create", "add_note", "--up-sql", "CREATE TABLE note (id INTEGER);"], in: project.directory)
        #expect(output.status == 0, "\(output.text)")
        let folders = try FileManager.default.contentsOfDirectory(atPath: project.directory + "/migrations/default")
        #expect(folders.count == 1)
        let folder = try #require(folders.first)
        #expect(folder.hasSuffix("_add_note"))
        let version = try #require(Int64(folder.dropLast("_add_note".count)))
        #expect(abs(Double(version) - Date().timeIntervalSince1970 * 1000) < 60_000)
        #expect(output.text.contains(String(version)))
        let path = project.directory + "/migrations/default/" + folder
        #expect(try String(contentsOfFile: path + "/up.sql", encoding: .utf8) == "CREATE TABLE note (id INTEGER);\n")
        #expect(try String(contentsOfFile: path + "/down.sql", encoding: .utf8) == "")
    }

    /// Up, status, nothing to do, down 1, a failing migration: the same story on either database.
    func lifecycle(_ stage: Stage) async throws {
        let first = try stage.create(
            "create_note", up: "CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL);",
            down: "DROP TABLE note;")
        let second = try stage.create(
            "insert_note", up: "INSERT INTO note (id, body) VALUES (1, 'hello');",
            down: "DELETE FROM note WHERE id = 1;")

        let pending = try stage.migrate(["status"])
        #expect(pending.status == 0, "\(pending.text)")
        #expect(pending.text.contains("\(first)  create_note  Yes      No"), "\(pending.text)")

        let apply = try stage.migrate(["apply"])
        #expect(apply.status == 0, "\(apply.text)")
        #expect(apply.text.contains("Applied 2 migrations"), "\(apply.text)")
        let status = try stage.migrate(["status"])
        #expect(status.status == 0)
        #expect(status.text.contains("\(first)  create_note  Yes      Yes"), "\(status.text)")
        #expect(status.text.contains("\(second)  insert_note  Yes      Yes"), "\(status.text)")
        let rows = try await stage.runSQL("SELECT id, body FROM note")
        #expect(rows.0 == 200)
        #expect(rows.1.contains(#"[["id","body"],["1","hello"]]"#), "\(rows.1)")

        let again = try stage.migrate(["apply"])
        #expect(again.status == 0)
        #expect(again.text.contains("Nothing to do"), "\(again.text)")

        let down = try stage.migrate(["apply", "--down", "1"])
        #expect(down.status == 0, "\(down.text)")
        #expect(down.text.contains("Reverting \(second)_insert_note"), "\(down.text)")
        #expect(try stage.migrate(["status"]).text.contains("\(second)  insert_note  Yes      No"))
        #expect(try await stage.runSQL("SELECT count(*) AS n FROM note").1.contains(#"["0"]"#))

        // The second applies again, then a broken migration fails alone.
        let broken = try stage.create(
            "broken", up: "INSERT INTO note (id, body) VALUES (2, 'x');\nINSERT INTO missing_table VALUES (1);",
            down: "")
        let failed = try stage.migrate(["apply"])
        #expect(failed.status == 1, "\(failed.text)")
        #expect(failed.text.contains("\(broken)_broken"), "\(failed.text)")
        #expect(failed.text.contains("missing_table"), "\(failed.text)")
        #expect(!failed.text.contains("queryFailed("), "\(failed.text)")
        let after = try stage.migrate(["status"])
        #expect(after.text.contains("\(second)  insert_note  Yes      Yes"), "\(after.text)")
        #expect(after.text.contains("\(broken)  broken       Yes      No"), "\(after.text)")
        // The broken migration's first statement was rolled back with it.
        #expect(try await stage.runSQL("SELECT count(*) AS n FROM note").1.contains(#"["1"]"#))

        let version = try stage.migrate(["apply", "--version", second, "--type", "down"])
        #expect(version.status == 0, "\(version.text)")
        #expect(try stage.migrate(["status"]).text.contains("\(second)  insert_note  Yes      No"))
        #expect(stage.server.stop() == 0)
    }

    @Test("apply, status, nothing to do, --down 1 and a failing migration on SQLite")
    func sqlite() async throws {
        try await lifecycle(Stage(project: ScratchProject()))
    }

    @Test("apply, status, nothing to do, --down 1 and a failing migration on Postgres")
    func postgres() async throws {
        let cluster = try await PostgresCluster.shared()
        let url = try await cluster.createDatabase(named: "migrate_\(UInt32.random(in: 0...UInt32.max))")
        let project = try ScratchProject(copyingExample: false)
        let initialized = try BuiltBinary.run(["init", "app"], in: project.directory)
        #expect(initialized.status == 0, "\(initialized.text)")
        let app = try ScratchProject(copyingExample: false)
        try FileManager.default.removeItem(atPath: app.directory)
        try FileManager.default.moveItem(atPath: project.directory + "/app", toPath: app.directory)
        try app.write(
            """
            - name: default
              kind: postgres
              configuration:
                connection_info:
                  database_url: \(url)
              tables: "!include default/tables/tables.yaml"

            """, to: "metadata/databases/databases.yaml")
        try await lifecycle(Stage(project: app, serveArguments: ["--database-url", url]))
    }

    @Test("an unreachable server is exit code 2")
    func unreachable() throws {
        let project = try ScratchProject(copyingExample: false)
        let port = try FreePort.find()
        for command in [["apply"], ["status"]] {
            let output = try BuiltBinary.run(
                ["migrate"] + command + ["--endpoint", "http://127.0.0.1:\(port)"], in: project.directory)
            #expect(output.status == 2, "\(output.text)")
            #expect(output.text.contains("cannot reach the server"), "\(output.text)")
        }
    }
}
