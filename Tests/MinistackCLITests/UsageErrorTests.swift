import Testing

/// Usage errors exit 2 everywhere (CI scripts tell them from 1, "differences or inconsistency").
@Suite("Usage errors")
struct UsageErrorTests {
    @Test(
        "an unknown flag, a bad value, a missing argument or an unknown command exits 2 with the usage",
        arguments: [
            (["--nope"], "Unknown option '--nope'"), (["metadata", "export", "--nope"], "Unknown option '--nope'"),
            (["metadata", "apply", "--endpoint"], "Missing value for '--endpoint <url>'"),
            (["migrate", "apply", "--up", "many"], "The value 'many' is invalid for '--up <N>'"),
            (["migrate", "create"], "Missing expected argument '<name>'"),
            (["serve", "--port", "0"], "--port must be between 1 and 65535"),
            (["launch"], "Unexpected argument 'launch'"),
        ])
    func exitsTwo(arguments: [String], message: String) throws {
        let output = try BuiltBinary.run(arguments)
        #expect(output.status == 2, "\(output.text)")
        #expect(output.text.contains("Error: \(message)"), "\(output.text)")
        #expect(output.text.contains("Usage: ministack"), "\(output.text)")
    }

    @Test("help and version still exit 0")
    func cleanExits() throws {
        #expect(try BuiltBinary.run(["--help"]).status == 0)
        #expect(try BuiltBinary.run(["metadata", "apply", "--help"]).status == 0)
        #expect(try BuiltBinary.run(["version"]).status == 0)
    }
}
