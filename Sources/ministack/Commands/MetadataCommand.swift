import ArgumentParser

/// `ministack metadata …`: keep a server's metadata in a directory under version control and
/// apply it from CI.
struct MetadataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metadata",
        abstract: "Export, apply, diff and reload a running server's metadata.",
        discussion: """
            Each subcommand talks to a running server (`ministack serve`, or Hasura itself) through \
            /v1/metadata, using the admin secret, and reads or writes a metadata directory in \
            Hasura's v3 layout.

            Examples:
              ministack metadata export
              ministack metadata diff --endpoint https://api.example.com
              ministack metadata apply
              ministack metadata inconsistency list

            \(MetadataExitCode.help)
            """,
        subcommands: [
            MetadataExportCommand.self, MetadataApplyCommand.self, MetadataDiffCommand.self,
            MetadataReloadCommand.self, MetadataInconsistencyCommand.self, MetadataValidateCommand.self,
        ]
    )
}
