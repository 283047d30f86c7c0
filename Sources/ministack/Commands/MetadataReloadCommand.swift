import ArgumentParser
import MinistackCore

/// `ministack metadata reload`: rebuild the server's schema from its current metadata.
struct MetadataReloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reload",
        abstract: "Reload the server's metadata (after a database change).",
        discussion: """
            Calls reload_metadata: the server introspects its databases again and rebuilds the \
            GraphQL schema from the metadata it has. Run it after changing tables outside the \
            server. Inconsistent objects found on the way are listed, and the exit code is 1.

            Examples:
              ministack metadata reload
              ministack metadata reload --endpoint https://api.example.com
              MINISTACK_ADMIN_SECRET=… ministack metadata reload

            \(MetadataExitCode.help)
            """
    )

    @OptionGroup var server: ServerOptions

    func run() async throws {
        try await CommandFailure.reporting {
            let answer = try await server.client().call("reload_metadata")
            Terminal.standardOutput.printLine("Reloaded the metadata of \(server.resolvedEndpoint).")
            if answer["is_consistent"] == .bool(false) {
                throw CommandFailure(
                    message: "the metadata is inconsistent:",
                    details: JSONValue.inconsistencyLines(answer["inconsistent_objects"]),
                    exitCode: MetadataExitCode.failed)
            }
        }
    }
}
