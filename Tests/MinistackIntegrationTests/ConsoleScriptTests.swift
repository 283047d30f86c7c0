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
        let (status, output) = try await ChildProcess.run(["node", "--test", directory], in: ExampleProject.root)
        #expect(status == 0, "node --test failed (is Node installed? .ci/run installs nodejs):\n\(output)")
        #expect(output.contains("# fail 0"), "\(output)")
    }
}
