import ArgumentParser

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
            ServeCommand.self, MetadataCommand.self, MigrateCommand.self, InitCommand.self, VersionCommand.self,
        ],
        defaultSubcommand: nil
    )
}
