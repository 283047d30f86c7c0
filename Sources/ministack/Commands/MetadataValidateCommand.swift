import ArgumentParser
import Foundation
import Logging
import MinistackCore
import MinistackEngine

/// `ministack metadata validate`: check a metadata directory against a database, no server needed.
struct MetadataValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a metadata directory against a database without a server (a pre-merge CI check).",
        discussion: """
            Reads the directory, connects to the database of each source (the `default` source's \
            URL can be given with --database-url), introspects it and resolves the metadata as \
            `serve` would, then lists every inconsistent object. Nothing is written.

            Examples:
              ministack metadata validate --database-url postgres://postgres@127.0.0.1:5432/app
              ministack metadata validate --metadata-dir deploy/metadata --database-url app.db

            \(MetadataExitCode.help)
            """
    )

    @OptionGroup var directory: MetadataDirectoryOptions

    @Option(
        help: ArgumentHelp(
            "Database of the 'default' source (else the metadata's URL). (env: MINISTACK_DATABASE_URL, HASURA_GRAPHQL_DATABASE_URL)",
            valueName: "url"))
    var databaseURL: String?

    func run() async throws {
        try await CommandFailure.reporting {
            let files = try directory.directory.metadataFiles()
            let metadata = try MetadataReader.read(files: files)
            let url = databaseURL ?? Environment.first("MINISTACK_DATABASE_URL", "HASURA_GRAPHQL_DATABASE_URL")
            if let url, DatabaseLocation(url: url) == nil {
                throw CommandFailure(message: "unsupported database URL: \(url)", exitCode: MetadataExitCode.unusable)
            }
            var logger = Logger(label: "ministack.validate")
            logger.logLevel = .critical
            let configuration = ServeConfiguration(
                databaseURL: url, metadataDirectory: directory.directory.path,
                environment: ProcessInfo.processInfo.environment)
            let snapshot: Snapshot
            do {
                snapshot = try await SnapshotLoader.build(metadata, configuration: configuration, logger: logger)
            } catch {
                throw CommandFailure(message: "\(error)", exitCode: MetadataExitCode.failed)
            }
            let inconsistencies = snapshot.model.inconsistencies
            await snapshot.close()
            if inconsistencies.contains(where: { if case .source? = $0.subject { true } else { false } }) {
                throw CommandFailure(
                    message: "cannot reach the database:", details: inconsistencies.map(\.description),
                    exitCode: MetadataExitCode.unusable)
            }
            guard inconsistencies.isEmpty else {
                throw CommandFailure(
                    message: "the metadata is inconsistent with the database:",
                    details: inconsistencies.map(\.description),
                    exitCode: MetadataExitCode.failed)
            }
            let tables = snapshot.model.allTables.count
            Terminal.standardOutput.printLine(
                "The metadata is consistent: \(tables) tracked table\(tables == 1 ? "" : "s").")
        }
    }
}
