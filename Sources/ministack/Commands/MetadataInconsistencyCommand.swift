import ArgumentParser
import MinistackCore

/// `ministack metadata inconsistency …`: the objects of the metadata the server cannot serve.
struct MetadataInconsistencyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inconsistency",
        abstract: "Show the server's inconsistent metadata.",
        subcommands: [MetadataInconsistencyListCommand.self]
    )
}

/// `ministack metadata inconsistency list`.
struct MetadataInconsistencyListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List inconsistent objects; exit 1 if there are any.",
        discussion: """
            Calls get_inconsistent_metadata and prints one line per object the server left out of \
            its schema (a missing table or column, a broken relationship…): its type, name and the \
            reason.

            Examples:
              ministack metadata inconsistency list
              ministack metadata inconsistency list --endpoint https://api.example.com

            \(MetadataExitCode.help)
            """
    )

    @OptionGroup var server: ServerOptions

    func run() async throws {
        try await CommandFailure.reporting {
            let answer = try await server.client().call("get_inconsistent_metadata")
            let lines = JSONValue.inconsistencyLines(answer["inconsistent_objects"])
            if lines.isEmpty && answer["is_consistent"] != .bool(false) {
                Terminal.standardOutput.printLine("The metadata of \(server.resolvedEndpoint) is consistent.")
                return
            }
            let terminal = Terminal.standardOutput
            terminal.printLine(
                terminal.paint("\(lines.count) inconsistent object\(lines.count == 1 ? "" : "s"):", .red))
            for line in lines { terminal.printLine("  " + line) }
            throw MetadataExitCode.failed
        }
    }
}
