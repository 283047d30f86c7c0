import ArgumentParser
import Foundation
import MinistackCore

/// `ministack migrate create|apply|status`: SQL migrations in Hasura CLI's layout.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Create, apply and list SQL migrations (Hasura CLI's layout).",
        discussion: """
            Migrations live in migrations/<database>/<version>_<name>/{up.sql,down.sql}, the \
            version being milliseconds since the epoch. Which versions are applied is kept in \
            the database itself: ministack.schema_migrations on Postgres, \
            ministack_schema_migrations on SQLite.

            Examples:
              ministack migrate create add_users --up-sql 'CREATE TABLE users (id int PRIMARY KEY);'
              ministack migrate apply
              ministack migrate status

            \(MigrateExitCode.help)
            """,
        subcommands: [MigrateCreateCommand.self, MigrateApplyCommand.self, MigrateStatusCommand.self]
    )
}

/// `ministack migrate create <name>`: a new, empty (or given) migration folder.
struct MigrateCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a migration folder with up.sql and down.sql.",
        discussion: """
            Writes migrations/<database>/<version>_<name>/up.sql and down.sql (empty unless \
            --up-sql / --down-sql are given) and prints the version. No server is needed.

            Examples:
              ministack migrate create create_article
              ministack migrate create add_tag --up-sql 'CREATE TABLE tag (id integer PRIMARY KEY);' \\
                --down-sql 'DROP TABLE tag;'
              ministack migrate create seed_roles --database-name reporting --migrations-dir db/migrations

            \(MigrateExitCode.help)
            """
    )

    @Argument(help: "The migration's name, such as create_article.")
    var name: String

    @OptionGroup var directory: MigrationsDirectoryOptions

    @Option(help: ArgumentHelp("SQL for up.sql.", valueName: "sql"))
    var upSql: String?

    @Option(help: ArgumentHelp("SQL for down.sql.", valueName: "sql"))
    var downSql: String?

    func validate() throws {
        if name.isEmpty || name.contains("/") || name.hasPrefix(".") {
            throw CommandFailure.usage("the migration name must be a plain name such as create_article, not '\(name)'")
        }
    }

    func run() async throws {
        try await CommandFailure.reporting {
            let version = Int64(Date().timeIntervalSince1970 * 1000)
            let folder = directory.databaseDirectory + "/\(version)_\(name)"
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try (upSql.map { $0 + "\n" } ?? "").write(toFile: folder + "/up.sql", atomically: true, encoding: .utf8)
                try (downSql.map { $0 + "\n" } ?? "").write(
                    toFile: folder + "/down.sql", atomically: true, encoding: .utf8)
            } catch {
                throw CommandFailure(
                    message: "cannot write \(folder): \(error.localizedDescription)",
                    exitCode: MetadataExitCode.unusable)
            }
            Terminal.standardOutput.printLine("Created migration \(version)_\(name) in \(folder)")
            Terminal.standardOutput.printLine("Version: \(version)")
        }
    }
}

/// `ministack migrate apply`: run pending migrations (or revert applied ones) on the server.
struct MigrateApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply pending migrations (or revert applied ones) through the running server.",
        discussion: """
            Sends each migration to the server's /v2/query as one run_sql call together with the \
            statement that records it, so a migration and its bookkeeping commit or fail \
            together. With no flag, applies every pending migration in version order. A failing \
            migration stops the run with its folder name and the database's message; the ones \
            before it stay applied.

            --up N       apply the next N pending migrations
            --down N     revert the last N applied migrations (down.sql), newest first
            --version V  apply (or with --type down, revert) exactly version V

            Examples:
              ministack migrate apply
              ministack migrate apply --up 1
              ministack migrate apply --down 1
              ministack migrate apply --version 1700000000000 --type down
              MINISTACK_ADMIN_SECRET=… ministack migrate apply --endpoint https://api.example.com

            \(MigrateExitCode.help)
            """
    )

    @OptionGroup var server: ServerOptions
    @OptionGroup var directory: MigrationsDirectoryOptions

    @Option(help: ArgumentHelp("Apply the next N pending migrations.", valueName: "N"))
    var up: Int?

    @Option(help: ArgumentHelp("Revert the last N applied migrations.", valueName: "N"))
    var down: Int?

    @Option(help: ArgumentHelp("Apply or revert exactly this version.", valueName: "V"))
    var version: Int64?

    @Option(help: ArgumentHelp("With --version: up (default) or down.", valueName: "up|down"))
    var type: String?

    func validate() throws {
        if [up != nil, down != nil, version != nil].filter({ $0 }).count > 1 {
            throw CommandFailure.usage("give at most one of --up, --down and --version")
        }
        if let n = up ?? down, n < 1 { throw CommandFailure.usage("--up and --down take a number of at least 1") }
        if let type {
            guard version != nil else { throw CommandFailure.usage("--type goes with --version") }
            guard type == "up" || type == "down" else { throw CommandFailure.usage("--type is up or down") }
        }
    }

    func run() async throws {
        try await CommandFailure.reporting {
            let local: [Migration]
            do {
                local = try Migration.load(from: directory.databaseDirectory)
            } catch {
                throw CommandFailure(
                    message: "cannot read \(directory.databaseDirectory): \(error.localizedDescription)",
                    exitCode: MetadataExitCode.unusable)
            }
            let client = RunSQLClient(
                endpoint: server.endpointURL!, adminSecret: server.resolvedAdminSecret, source: directory.databaseName)
            let catalog = try await MigrationCatalog.open(client)
            let applied = Set(try await catalog.appliedVersions())

            var plan: [(Migration, Bool)] = []
            if let version {
                guard let migration = local.first(where: { $0.version == version }) else {
                    throw CommandFailure(
                        message: "no migration with version \(version) in \(directory.databaseDirectory)",
                        exitCode: MetadataExitCode.unusable)
                }
                let isUp = type != "down"
                if isUp == applied.contains(version) {
                    Terminal.standardOutput.printLine(
                        "Nothing to do: \(migration.directoryName) is \(isUp ? "already" : "not") applied.")
                    return
                }
                plan = [(migration, isUp)]
            } else if let down {
                let byVersion = Dictionary(local.map { ($0.version, $0) }) { first, _ in first }
                for version in applied.sorted(by: >).prefix(down) {
                    guard let migration = byVersion[version] else {
                        throw CommandFailure(
                            message:
                                "version \(version) is applied but has no folder in \(directory.databaseDirectory)",
                            exitCode: MetadataExitCode.unusable)
                    }
                    plan.append((migration, false))
                }
            } else {
                let pending = local.filter { !applied.contains($0.version) }
                plan = (up.map { Array(pending.prefix($0)) } ?? pending).map { ($0, true) }
            }

            if plan.isEmpty {
                Terminal.standardOutput.printLine(
                    "Nothing to do: no \(down != nil ? "applied" : "pending") migrations.")
                return
            }
            let out = Terminal.standardOutput
            for (migration, isUp) in plan {
                out.printLine("\(isUp ? "Applying" : "Reverting") \(migration.directoryName) …")
                if let message = try await catalog.apply(migration, up: isUp) {
                    throw CommandFailure(
                        message:
                            "migration \(migration.directoryName) failed (\(isUp ? "up" : "down").sql): \(message)",
                        details: ["Nothing of this migration was applied; the migrations before it stay applied."],
                        exitCode: MetadataExitCode.failed)
                }
            }
            out.printLine(
                out.paint("\(isUpWord(plan)) \(plan.count) migration\(plan.count == 1 ? "" : "s").", .green))
        }
    }

    private func isUpWord(_ plan: [(Migration, Bool)]) -> String { plan.first?.1 == false ? "Reverted" : "Applied" }
}

/// `ministack migrate status`: which versions exist locally and which are applied.
struct MigrateStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "List migrations: present in the directory, applied on the database.",
        discussion: """
            Prints one row per version found in the migrations directory or in the database's \
            migrations table.

            Examples:
              ministack migrate status
              ministack migrate status --database-name default --endpoint http://127.0.0.1:8080

            \(MigrateExitCode.help)
            """
    )

    @OptionGroup var server: ServerOptions
    @OptionGroup var directory: MigrationsDirectoryOptions

    func run() async throws {
        try await CommandFailure.reporting {
            let local: [Migration]
            do {
                local = try Migration.load(from: directory.databaseDirectory)
            } catch {
                throw CommandFailure(
                    message: "cannot read \(directory.databaseDirectory): \(error.localizedDescription)",
                    exitCode: MetadataExitCode.unusable)
            }
            let client = RunSQLClient(
                endpoint: server.endpointURL!, adminSecret: server.resolvedAdminSecret, source: directory.databaseName)
            let applied = Set(try await MigrationCatalog.open(client).appliedVersions())
            let names = Dictionary(local.map { ($0.version, $0.name) }) { first, _ in first }
            let versions = Set(names.keys).union(applied).sorted()
            var rows = [["VERSION", "NAME", "PRESENT", "APPLIED"]]
            for version in versions {
                rows.append([
                    String(version), names[version] ?? "", names[version] != nil ? "Yes" : "No",
                    applied.contains(version) ? "Yes" : "No",
                ])
            }
            let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
            for row in rows {
                let line = row.enumerated().map { index, cell in
                    index == 3 ? cell : cell.padding(toLength: widths[index] + 2, withPad: " ", startingAt: 0)
                }
                Terminal.standardOutput.printLine(line.joined())
            }
        }
    }
}
