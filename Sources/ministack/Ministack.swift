import ArgumentParser
import Foundation

/// The `ministack` command line.
@main
struct Ministack: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ministack",
        abstract: "A Hasura-compatible GraphQL server over Postgres or SQLite, in one binary.",
        discussion: """
            Start with `ministack serve`: with no flags it serves ./metadata over an embedded SQLite \
            file, ministack.sqlite, created and seeded from ./seeds on first run.
            """,
        subcommands: [
            ServeCommand.self, MetadataCommand.self, MigrateCommand.self, ActionsCommand.self, InitCommand.self,
            VersionCommand.self,
        ],
        defaultSubcommand: nil
    )

    /// Exit code of a usage error (unknown flag, bad value, failed `validate()`), as CI scripts
    /// expect from the Hasura CLI; ArgumentParser's own is 64 (`EX_USAGE`).
    static let usageErrorCode: Int32 = 2

    /// ArgumentParser's `main()`, except that usage errors exit with ``usageErrorCode``.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(usageErrorCode)
        }
    }
}
