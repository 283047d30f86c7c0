import ArgumentParser
import MinistackCore

/// `ministack metadata export`: the server's metadata, written as a metadata directory.
struct MetadataExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the server's metadata to the metadata directory.",
        discussion: """
            Calls export_metadata and writes the files `hasura metadata export` writes: version.yaml, \
            databases/databases.yaml, one file per table under databases/<source>/tables/, and the \
            top-level files (actions, remote schemas, allow list…). Files of that layout the export \
            no longer has, such as an untracked table's file, are removed; other files are kept. \
            The output is stable, so the directory can be kept in git.

            Examples:
              ministack metadata export
              ministack metadata export --metadata-dir hasura/metadata
              ministack metadata export --endpoint https://api.example.com
              MINISTACK_ADMIN_SECRET=… ministack metadata export

            \(MetadataExitCode.help)
            """
    )

    @OptionGroup var server: ServerOptions
    @OptionGroup var options: MetadataDirectoryOptions

    func run() async throws {
        try await CommandFailure.reporting {
            let directory = options.directory
            let json = try await server.client().call("export_metadata")
            let files = try directory.exportedFiles(for: json)
            try directory.replace(with: files)
            let tables = (json["sources"]?.arrayValue ?? []).reduce(0) { $0 + ($1["tables"]?.arrayValue?.count ?? 0) }
            Terminal.standardOutput.printLine(
                "Exported the metadata of \(server.resolvedEndpoint) to \(directory.path) "
                    + "(\(files.count) files, \(tables) table\(tables == 1 ? "" : "s")).")
        }
    }
}
