import ArgumentParser
import Foundation
import MinistackCore

/// Exit codes of the `metadata` commands, for CI scripts.
enum MetadataExitCode {
    /// The metadata is not what it should be: a difference, an inconsistency, or metadata the
    /// server (or the reader) rejects.
    static let failed = ExitCode(1)
    /// The command could not do its job: a bad flag or value, an unreachable server, a refused
    /// admin secret, an unexpected answer or a file that cannot be read or written.
    static let unusable = ExitCode(2)

    /// The part of each command's help that lists the codes.
    static let help = """
        Exit codes: 0 success; 1 differences, inconsistent or rejected metadata; 2 unreachable \
        server, refused admin secret, bad --endpoint or unreadable files, unknown flags.
        """
}

/// Why a `metadata` command stops short: a message (and detail lines) for stderr and the exit
/// code CI sees.
struct CommandFailure: Error {
    var message: String
    var details: [String] = []
    var exitCode: ExitCode

    /// Prints a usage error on stderr and answers exit code 2, for `validate()` to throw (a
    /// `ValidationError` exits 2 as well, with ArgumentParser's usage text).
    static func usage(_ message: String) -> ExitCode {
        Terminal.standardError.printError(message, details: ["See --help for usage."])
        return MetadataExitCode.unusable
    }

    /// Runs a command's work; a failure prints its message on stderr and exits with its code.
    static func reporting(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let failure as CommandFailure {
            Terminal.standardError.printError(failure.message, details: failure.details)
            throw failure.exitCode
        } catch let error as MetadataClientError {
            let failure = error.failure
            Terminal.standardError.printError(failure.message, details: failure.details)
            throw failure.exitCode
        } catch let error as MetadataError {
            Terminal.standardError.printError("cannot read the metadata directory: \(error)")
            throw MetadataExitCode.failed
        }
    }
}

/// Standard output or standard error, painting text with ANSI colours only when it is a
/// terminal (and `NO_COLOR` is unset), so CI logs and pipes get plain text.
struct Terminal: Sendable {
    let descriptor: Int32
    let colours: Bool

    static let standardOutput = Terminal(descriptor: STDOUT_FILENO)
    static let standardError = Terminal(descriptor: STDERR_FILENO)

    init(descriptor: Int32) {
        self.descriptor = descriptor
        let environment = ProcessInfo.processInfo.environment
        colours = isatty(descriptor) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    enum Style: String {
        case red = "31"
        case green = "32"
        case yellow = "33"
        case cyan = "36"
        case bold = "1"
    }

    func paint(_ text: String, _ style: Style) -> String {
        colours ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    func write(_ text: String) {
        let handle = descriptor == STDERR_FILENO ? FileHandle.standardError : FileHandle.standardOutput
        handle.write(Data(text.utf8))
    }

    func printLine(_ text: String = "") { write(text + "\n") }

    func printError(_ message: String, details: [String] = []) {
        printLine(paint("error:", .red) + " " + message)
        for line in details { printLine("  " + line) }
    }

    func printWarning(_ message: String, details: [String] = []) {
        printLine(paint("warning:", .yellow) + " " + message)
        for line in details { printLine("  " + line) }
    }
}

extension JSONValue {
    /// Lines describing the inconsistent objects of a Hasura answer (`type name: reason`).
    static func inconsistencyLines(_ objects: JSONValue?) -> [String] {
        (objects?.arrayValue ?? []).map { object in
            let type = object["type"]?.stringValue ?? "object"
            let name = object["name"]?.stringValue ?? object["definition"]?.serialized ?? "?"
            let reason = object["reason"]?.stringValue ?? object["message"]?.stringValue ?? object.serialized
            return "\(type) \(name): \(reason)"
        }
    }
}
