import MinistackCore
import OrderedCollections
import Testing

@Suite("JSON parsing")
struct JSONParserTests {
    @Test("keeps big numbers digit for digit")
    func exactNumbers() throws {
        let value = try JSONParser.parse(
            #"{"big": 9007199254740993, "exact": 12345678901234567890.123456789, "e": -1.5e3}"#)
        #expect(value["big"] == .number("9007199254740993"))
        #expect(value["exact"] == .number("12345678901234567890.123456789"))
        #expect(value["e"] == .number("-1.5e3"))
    }

    @Test("keeps key order and round-trips")
    func keyOrder() throws {
        let text = #"{"z":1,"a":[true,false,null],"m":{"b":"x\"y","a":"\u00e9\n"}}"#
        let value = try JSONParser.parse(text)
        #expect(value.objectValue.map { Array($0.keys) } == ["z", "a", "m"])
        #expect(value.serialized == #"{"z":1,"a":[true,false,null],"m":{"b":"x\"y","a":"é\n"}}"#)
    }

    @Test("decodes surrogate pairs")
    func surrogates() throws {
        #expect(try JSONParser.parse(#""\ud83d\ude00""#) == .string("😀"))
    }

    @Test(
        "rejects malformed text",
        arguments: ["", "{", "[1,]", "{\"a\" 1}", "01", "1.", "\"\\x\"", "tru", "{} x", "\"\u{01}\""])
    func rejectsMalformed(_ text: String) {
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(text) }
    }
}
