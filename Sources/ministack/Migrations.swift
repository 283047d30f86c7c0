import ArgumentParser
import Foundation
import MinistackCore

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One migration folder of Hasura CLI's layout: `migrations/<database>/<version>_<name>/`
/// holding `up.sql` and (optionally) `down.sql`.
struct Migration: Sendable {
    let version: Int64
    let name: String
    /// The folder's name, `<version>_<name>`, used in messages.
    let directoryName: String
    let path: String

    var upSQL: String? { try? String(contentsOfFile: path + "/up.sql", encoding: .utf8) }
    var downSQL: String? { try? String(contentsOfFile: path + "/down.sql", encoding: .utf8) }

    /// The migrations of one database folder, in version order; folders not named
    /// `<digits>_<name>` (or `<digits>`) are ignored.
    static func load(from directory: String) throws -> [Migration] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
        else { return [] }
        var migrations: [Migration] = []
        for entry in try FileManager.default.contentsOfDirectory(atPath: directory) {
            let path = directory + "/" + entry
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue
            else { continue }
            let digits = entry.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let version = Int64(digits) else { continue }
            let rest = entry.dropFirst(digits.count)
            guard rest.isEmpty || rest.hasPrefix("_") else { continue }
            migrations.append(
                Migration(version: version, name: String(rest.dropFirst()), directoryName: entry, path: path))
        }
        return migrations.sorted { $0.version < $1.version }
    }
}

/// `--migrations-dir` and `--database-name`, shared by the `migrate` commands.
struct MigrationsDirectoryOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Migrations directory (Hasura CLI layout). (env: MINISTACK_MIGRATIONS_DIR; default: ./migrations)",
            valueName: "dir"))
    var migrationsDir: String?

    @Option(help: ArgumentHelp("The database (metadata source) the migrations belong to.", valueName: "name"))
    var databaseName: String = "default"

    var root: String { migrationsDir ?? Environment.first("MINISTACK_MIGRATIONS_DIR") ?? "migrations" }
    var databaseDirectory: String { root + "/" + databaseName }

    func validate() throws {
        if let migrationsDir, migrationsDir.isEmpty { throw CommandFailure.usage("--migrations-dir must not be empty") }
        if databaseName.isEmpty || databaseName.contains("/") {
            throw CommandFailure.usage("--database-name must be a source name such as default")
        }
    }
}

/// Calls a running server's `POST /v2/query` with `run_sql`, as admin.
struct RunSQLClient: Sendable {
    let endpoint: URL
    let adminSecret: String?
    let source: String

    /// The outcome of one run_sql call: rows (header row first) or the database's refusal.
    enum Outcome {
        case rows([[String?]])
        case failed(String)
    }

    /// Runs `sql` (all statements in one transaction) and answers its rows, or the database's
    /// message when the server answers `postgres-error`. Other errors throw.
    func run(_ sql: String) async throws(MetadataClientError) -> Outcome {
        let body = JSONValue.fields([
            ("type", .string("run_sql")),
            ("args", .fields([("source", .string(source)), ("sql", .string(sql)), ("read_only", .bool(false))])),
        ])
        let client = MetadataClient(endpoint: endpoint, adminSecret: adminSecret)
        do {
            let json = try await client.post(
                body, to: endpoint.appendingPathComponent("v2").appendingPathComponent("query"), timeout: 600)
            return .rows(
                (json["result"]?.arrayValue ?? []).map { row in (row.arrayValue ?? []).map { $0.stringValue } })
        } catch .rejected(let message, let code, _, let detail) where code == "postgres-error" || detail != nil {
            return .failed(detail?["error"]?.stringValue ?? message)
        }
    }
}

/// The state of the migrations of one database, kept in its catalog table.
struct MigrationCatalog: Sendable {
    enum Kind: Sendable { case postgres, sqlite }

    let client: RunSQLClient
    let kind: Kind

    var table: String {
        switch kind {
        case .postgres: "ministack.schema_migrations"
        case .sqlite: "ministack_schema_migrations"
        }
    }

    /// Asks the server which database the source is (`sqlite_version()` only exists on SQLite)
    /// and creates the catalog table if missing.
    static func open(_ client: RunSQLClient) async throws -> MigrationCatalog {
        let kind: Kind
        switch try await client.run("SELECT sqlite_version()") {
        case .rows: kind = .sqlite
        case .failed:
            switch try await client.run("SELECT version()") {
            case .rows: kind = .postgres
            case .failed(let message):
                throw CommandFailure(
                    message: "cannot query the database '\(client.source)': \(message)",
                    exitCode: MetadataExitCode.unusable)
            }
        }
        let catalog = MigrationCatalog(client: client, kind: kind)
        let create =
            switch kind {
            case .postgres:
                """
                CREATE SCHEMA IF NOT EXISTS ministack;
                CREATE TABLE IF NOT EXISTS ministack.schema_migrations (version bigint PRIMARY KEY, \
                dirty boolean NOT NULL DEFAULT false, applied_at timestamptz NOT NULL DEFAULT now());
                """
            case .sqlite:
                """
                CREATE TABLE IF NOT EXISTS ministack_schema_migrations (version INTEGER PRIMARY KEY, \
                dirty BOOLEAN NOT NULL DEFAULT 0, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);
                """
            }
        if case .failed(let message) = try await client.run(create) {
            throw CommandFailure(
                message: "cannot create the migrations table \(catalog.table): \(message)",
                exitCode: MetadataExitCode.unusable)
        }
        return catalog
    }

    /// The applied versions, ascending.
    func appliedVersions() async throws -> [Int64] {
        switch try await client.run("SELECT version FROM \(table) ORDER BY version") {
        case .rows(let rows):
            return rows.dropFirst().compactMap { $0.first.flatMap { $0 }.flatMap { Int64($0) } }
        case .failed(let message):
            throw CommandFailure(
                message: "cannot read the migrations table \(table): \(message)", exitCode: MetadataExitCode.unusable)
        }
    }

    /// Runs a migration's SQL and its bookkeeping in one run_sql call (one transaction).
    /// Answers the database's message when it fails.
    func apply(_ migration: Migration, up: Bool) async throws -> String? {
        let sql = (up ? migration.upSQL : migration.downSQL) ?? ""
        let bookkeeping =
            up
            ? "INSERT INTO \(table) (version) VALUES (\(migration.version));"
            : "DELETE FROM \(table) WHERE version = \(migration.version);"
        var script = sql.trimmingCharacters(in: .whitespacesAndNewlines)
        if !script.isEmpty, !script.hasSuffix(";") { script += ";" }
        script += (script.isEmpty ? "" : "\n") + bookkeeping
        if case .failed(let message) = try await client.run(script) { return message }
        return nil
    }
}

/// Exit codes of the `migrate` and `init` commands.
enum MigrateExitCode {
    static let help = """
        Exit codes: 0 success (also when there is nothing to do); 1 a migration failed (the \
        database's message is printed, earlier migrations stay applied); 2 bad flags or files, \
        unreachable server, refused admin secret or unknown flags.
        """
}
