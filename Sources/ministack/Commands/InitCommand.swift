import ArgumentParser
import Foundation

/// `ministack init <dir>`: a new project with metadata/, migrations/, seeds/ and a README.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Scaffold a new project: metadata/, migrations/, seeds/ and a README.",
        discussion: """
            Creates <dir> with Hasura's v3 metadata layout (one SQLite source, default, in \
            ministack.sqlite, and no tables yet), an empty migrations/default/ and seeds/default/, \
            and a README with the next steps. Refuses a <dir> that exists and is not empty.

            Examples:
              ministack init my-project
              cd my-project && ministack serve

            \(MigrateExitCode.help)
            """
    )

    @Argument(help: "The project directory to create.")
    var directory: String

    static let files: [(String, String)] = [
        ("metadata/version.yaml", "version: 3\n"),
        (
            "metadata/databases/databases.yaml",
            """
            - name: default
              kind: sqlite
              configuration:
                connection_info:
                  database_url: sqlite:ministack.sqlite
              tables: "!include default/tables/tables.yaml"

            """
        ),
        ("metadata/databases/default/tables/tables.yaml", "[]\n"),
        ("metadata/actions.graphql", ""),
        (
            "metadata/actions.yaml",
            "actions: []\ncustom_types:\n  enums: []\n  input_objects: []\n  objects: []\n  scalars: []\n"
        ),
        ("metadata/allow_list.yaml", "[]\n"),
        ("metadata/api_limits.yaml", "{}\n"),
        ("metadata/backend_configs.yaml", "{}\n"),
        ("metadata/cron_triggers.yaml", "[]\n"),
        ("metadata/graphql_schema_introspection.yaml", "disabled_for_roles: []\n"),
        ("metadata/inherited_roles.yaml", "[]\n"),
        ("metadata/metrics_config.yaml", "{}\n"),
        ("metadata/network.yaml", "{}\n"),
        ("metadata/opentelemetry.yaml", "{}\n"),
        ("metadata/query_collections.yaml", "[]\n"),
        ("metadata/remote_schemas.yaml", "[]\n"),
        ("metadata/rest_endpoints.yaml", "[]\n"),
        (
            "README.md",
            """
            # A ministack project

            ```sh
            ministack serve                      # GraphQL on http://127.0.0.1:8080/v1/graphql, data in ministack.sqlite
            ministack migrate create create_article \\
              --up-sql 'CREATE TABLE article (id INTEGER PRIMARY KEY, title TEXT NOT NULL);' \\
              --down-sql 'DROP TABLE article;'
            ministack migrate apply              # runs pending migrations/default/* on the server
            ministack migrate status
            ministack metadata export            # writes the server's metadata into metadata/
            ministack metadata apply             # sends metadata/ to the server
            ```

            - `metadata/`: Hasura v3 metadata (track tables in databases/default/tables/).
            - `migrations/default/`: SQL migrations, `<version>_<name>/{up.sql,down.sql}`.
            - `seeds/default/`: SQL run when ministack creates the SQLite file.

            """
        ),
    ]

    func run() async throws {
        try await CommandFailure.reporting {
            let manager = FileManager.default
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: directory, isDirectory: &isDirectory) {
                guard isDirectory.boolValue, (try? manager.contentsOfDirectory(atPath: directory))?.isEmpty == true
                else {
                    throw CommandFailure(
                        message: "\(directory) exists and is not an empty directory",
                        details: ["Choose a new directory name, or empty it first."],
                        exitCode: MetadataExitCode.unusable)
                }
            }
            do {
                for folder in ["migrations/default", "seeds/default", "metadata/databases/default/tables"] {
                    try manager.createDirectory(atPath: directory + "/" + folder, withIntermediateDirectories: true)
                }
                for (path, text) in Self.files {
                    try text.write(toFile: directory + "/" + path, atomically: true, encoding: .utf8)
                }
            } catch {
                throw CommandFailure(
                    message: "cannot write \(directory): \(error.localizedDescription)",
                    exitCode: MetadataExitCode.unusable)
            }
            Terminal.standardOutput.printLine("Created a ministack project in \(directory).")
            Terminal.standardOutput.printLine("Next: cd \(directory) && ministack serve")
        }
    }
}
