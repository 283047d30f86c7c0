import MinistackCore
import Testing

/// Session variables used as lists: Postgres array literals (as Hasura and JWT claims write
/// them) and JSON arrays.
@Suite("Session lists")
struct SessionListTests {
    @Test(
        "array literals and JSON arrays",
        arguments: [
            ("{1,2,3}", [JSONValue.string("1"), .string("2"), .string("3")]),
            ("{}", []),
            (" { a , \"b c\" , NULL } ", [.string("a"), .string("b c"), .null]),
            (#"{"quote \" and \\ slash","null"}"#, [.string(#"quote " and \ slash"#), .string("null")]),
            ("[1, \"two\", null, true]", [.string("1"), .string("two"), .null, .string("true")]),
            ("[]", []),
        ])
    func parses(text: String, expected: [JSONValue]) {
        #expect(SessionList.elements(of: text) == expected)
    }

    @Test(
        "anything else is not a list",
        arguments: ["1", "nope", "{1,2", "{1,,2}", "{{1,2},{3,4}}", "{\"open}", "[1,", "{a\"b}"])
    func rejects(text: String) {
        #expect(SessionList.elements(of: text) == nil)
    }
}
