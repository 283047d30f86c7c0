public import Foundation

/// Runs a program (found on `PATH`) to completion on a thread of its own, so waiting for it
/// blocks no task, and answers its exit status and combined stdout and stderr.
public enum ChildProcess {
    public static func run(_ arguments: [String], in directory: String? = nil) async throws -> (
        status: Int32, output: String
    ) {
        let outcome = await runOnThread {
            Result { () throws -> (Int32, String) in
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = arguments
                if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
                let pipe = Pipe()
                process.standardOutput = pipe
                process.standardError = pipe
                try process.run()
                let output = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                return (process.terminationStatus, String(decoding: output, as: UTF8.self))
            }
        }
        return try outcome.get()
    }
}
