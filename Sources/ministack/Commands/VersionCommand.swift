import ArgumentParser
import MinistackServer

/// `ministack version`.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the ministack version.")

    func run() {
        print("ministack \(MinistackVersion.current)")
    }
}
