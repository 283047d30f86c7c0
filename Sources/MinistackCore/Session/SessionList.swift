import Foundation

/// A session variable used as a list (`{"id": {"_in": "X-Hasura-Allowed-Ids"}}`): its text is a
/// Postgres array literal, as Hasura expects and as lists in JWT claims are written
/// (`{1,2,"three four"}`), or a JSON array (`[1, 2]`).
public enum SessionList {
    /// The elements as JSON (strings, or null for an unquoted `NULL`); nil when the text is not
    /// a one-dimensional array literal or a JSON array.
    public static func elements(of text: String) -> [JSONValue]? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("[") {
            guard case .array(let items)? = try? JSONParser.parse(trimmed) else { return nil }
            return items.map { item in
                switch item {
                case .null, .string: item
                case .number(let digits): .string(digits)
                case .bool(let flag): .string(flag ? "true" : "false")
                case .array, .object: .string(item.serialized)
                }
            }
        }
        return arrayLiteral(trimmed)
    }

    /// `{a,"b c",NULL}` → `["a", "b c", null]`; nested arrays are not accepted.
    static func arrayLiteral(_ text: String) -> [JSONValue]? {
        var characters = Substring(text)
        guard characters.first == "{", characters.last == "}" else { return nil }
        characters = characters.dropFirst().dropLast()
        if characters.allSatisfy(\.isWhitespace) { return [] }
        var elements: [JSONValue] = []
        var index = characters.startIndex
        while true {
            while index < characters.endIndex, characters[index].isWhitespace { index = characters.index(after: index) }
            guard index < characters.endIndex else { return nil }
            if characters[index] == "\"" {
                var value = ""
                index = characters.index(after: index)
                var closed = false
                while index < characters.endIndex {
                    let character = characters[index]
                    index = characters.index(after: index)
                    if character == "\\" {
                        guard index < characters.endIndex else { return nil }
                        value.append(characters[index])
                        index = characters.index(after: index)
                    } else if character == "\"" {
                        closed = true
                        break
                    } else {
                        value.append(character)
                    }
                }
                guard closed else { return nil }
                elements.append(.string(value))
                while index < characters.endIndex, characters[index].isWhitespace {
                    index = characters.index(after: index)
                }
            } else {
                let start = index
                while index < characters.endIndex, characters[index] != "," {
                    guard !"{}\"\\".contains(characters[index]) else { return nil }
                    index = characters.index(after: index)
                }
                let value = characters[start..<index].trimmingCharacters(in: .whitespaces)
                guard !value.isEmpty else { return nil }
                elements.append(value.uppercased() == "NULL" ? .null : .string(value))
            }
            guard index < characters.endIndex else { return elements }
            guard characters[index] == "," else { return nil }
            index = characters.index(after: index)
        }
    }
}
