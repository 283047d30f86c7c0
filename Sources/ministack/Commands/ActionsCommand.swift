import ArgumentParser

/// `ministack actions …`: work with the metadata's actions.
struct ActionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actions",
        abstract: "Work with the metadata's actions.",
        subcommands: [ActionsCodegenCommand.self]
    )
}
