import ArgumentParser
import Foundation
import MinistackCore

/// `ministack metadata diff`: what `metadata apply` would change, as a unified diff of the files.
struct MetadataDiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show how the metadata directory differs from the server's metadata.",
        discussion: """
            Exports the server's metadata as `metadata export` would write it and prints a unified \
            diff per file: `--- server/<file>` is the server's version, `+++ <dir>/<file>` the \
            directory's, so the diff reads as what `metadata apply` would change. The comparison \
            is of the files' text: run `metadata export` once to bring a hand-written directory to \
            the exported layout. Exits 1 when they differ, which makes it a CI check.

            Examples:
              ministack metadata diff
              ministack metadata diff --endpoint https://api.example.com
              MINISTACK_ADMIN_SECRET=… ministack metadata diff
              ministack metadata diff --metadata-dir hasura/metadata || exit 1

            \(MetadataExitCode.help)
            """
    )

    @OptionGroup var server: ServerOptions
    @OptionGroup var options: MetadataDirectoryOptions

    func run() async throws {
        try await CommandFailure.reporting {
            let directory = options.directory
            let local = try directory.layoutFiles()
            let json = try await server.client().call("export_metadata")
            let remote = try directory.exportedFiles(for: json)
            var output = ""
            for path in Set(local.keys).union(remote.keys).sorted() where local[path] != remote[path] {
                output += try MetadataFileDiff.unified(
                    old: remote[path], new: local[path], oldLabel: "server/\(path)",
                    newLabel: "\(directory.path)/\(path)")
            }
            let terminal = Terminal.standardOutput
            if output.isEmpty {
                terminal.printLine("No differences between \(directory.path) and \(server.resolvedEndpoint).")
                return
            }
            for line in output.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
                terminal.printLine(Self.paint(String(line), on: terminal))
            }
            throw MetadataExitCode.failed
        }
    }

    private static func paint(_ line: String, on terminal: Terminal) -> String {
        if line.hasPrefix("---") || line.hasPrefix("+++") { return terminal.paint(line, .bold) }
        if line.hasPrefix("@@") { return terminal.paint(line, .cyan) }
        if line.hasPrefix("-") { return terminal.paint(line, .red) }
        if line.hasPrefix("+") { return terminal.paint(line, .green) }
        return line
    }
}
