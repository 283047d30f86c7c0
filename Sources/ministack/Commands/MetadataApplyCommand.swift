import ArgumentParser
import MinistackCore

/// `ministack metadata apply`: make the server's metadata what the directory says.
struct MetadataApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Replace the server's metadata with the metadata directory.",
        discussion: """
            Reads the directory, sends it with replace_metadata and prints what changed: tables \
            added, removed or changed per source, and other parts changed. If the server finds \
            inconsistent objects (a table or column the database lacks, a broken relationship…) \
            nothing changes and the exit code is 1, unless --allow-inconsistent is given: then the \
            metadata is applied, the objects are listed, and the exit code is 0.

            Examples:
              ministack metadata apply
              ministack metadata apply --endpoint https://api.example.com
              MINISTACK_ADMIN_SECRET=… ministack metadata apply --allow-inconsistent
              ministack metadata apply --metadata-dir hasura/metadata

            \(MetadataExitCode.help)
            """
    )

    @OptionGroup var server: ServerOptions
    @OptionGroup var options: MetadataDirectoryOptions

    @Flag(help: "Apply even when the server finds inconsistent objects (they are listed; the exit code is 0).")
    var allowInconsistent = false

    func run() async throws {
        try await CommandFailure.reporting {
            let directory = options.directory
            let local = try MetadataReader.read(files: directory.metadataFiles())
            let client = server.client()
            let before = try await client.call("export_metadata")
            let answer: JSONValue
            do {
                answer = try await client.call(
                    "replace_metadata",
                    args: .fields([
                        ("allow_inconsistent_metadata", .bool(allowInconsistent)), ("metadata", local.exportJSON),
                    ]),
                    version: 2)
            } catch MetadataClientError.rejected(let message, _, _, let `internal`) {
                let lines = JSONValue.inconsistencyLines(`internal`)
                throw CommandFailure(
                    message: "the server refused the metadata in \(directory.path): \(message)",
                    details: lines
                        + (lines.isEmpty ? [] : ["Nothing was changed. Use --allow-inconsistent to apply anyway."]),
                    exitCode: MetadataExitCode.failed)
            }
            let terminal = Terminal.standardOutput
            terminal.printLine("Applied \(directory.path) to \(server.resolvedEndpoint).")
            if let previous = try? MetadataReader.read(exportJSON: before) {
                let changes = MetadataChanges(before: previous, after: local).lines
                for line in changes.isEmpty ? ["no changes"] : changes { terminal.printLine("  " + line) }
            }
            if answer["is_consistent"] == .bool(false) {
                Terminal.standardError.printWarning(
                    "applied with inconsistent objects (--allow-inconsistent):",
                    details: JSONValue.inconsistencyLines(answer["inconsistent_objects"]))
            }
        }
    }
}
