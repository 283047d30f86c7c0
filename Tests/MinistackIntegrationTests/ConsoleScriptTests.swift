import Foundation
import MinistackTesting
import Testing

/// The console's pure GraphQL language module (tokenizer, prettifier, completion) under Node's
/// test runner: `node --test Tests/ConsoleJS` (`.ci/run` installs Debian's `nodejs`).
@Suite("Console scripts under node --test")
struct ConsoleScriptTests {
    @Test("graphql-language.js: tokenize, prettify, completionsAt")
    func languageModule() async throws {
        let directory = ExampleProject.root + "/Tests/ConsoleJS"
        let run = await runOnThread {
            Result { () throws -> (Int32, String) in
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = ["node", "--test", directory]
                process.currentDirectoryURL = URL(fileURLWithPath: ExampleProject.root)
                let pipe = Pipe()
                process.standardOutput = pipe
                process.standardError = pipe
                try process.run()
                let output = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                return (process.terminationStatus, String(decoding: output, as: UTF8.self))
            }
        }
        let (status, output) = try run.get()
        #expect(status == 0, "node --test failed (is Node installed? .ci/run installs nodejs):\n\(output)")
        #expect(output.contains("# fail 0"), "\(output)")
    }
}
