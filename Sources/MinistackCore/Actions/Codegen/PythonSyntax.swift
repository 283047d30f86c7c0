/// Pieces of Python source text: keywords, string literals, docstrings and identifier cases.
enum PythonSyntax {
    /// Python 3's hard keywords: never usable as names. (Soft keywords such as `match` are.)
    static let keywords: Set = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
        "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
        "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ]

    /// A double-quoted literal that reads back as `text`.
    static func stringLiteral(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A `"""…"""` docstring at `indent`, one line or several, or nothing for no text.
    static func docstring(_ text: String?, indent: String) -> String {
        guard let text = text?.trimmingCharactersInSet(), !text.isEmpty else { return "" }
        var escaped = ""
        for character in text {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            default: escaped.append(character)
            }
        }
        let lines = escaped.split(separator: "\n", omittingEmptySubsequences: false)
        let quotes = "\"\"\""
        if lines.count == 1 { return indent + quotes + escaped + quotes + "\n" }
        let rest = lines.dropFirst().map { $0.isEmpty ? "" : indent + $0 }
        return indent + quotes + lines[0] + "\n" + rest.joined(separator: "\n") + "\n" + indent + quotes + "\n"
    }

    /// `# text` lines at `indent`, one per line of `text`, or nothing.
    static func comment(_ text: String?, indent: String) -> String {
        guard let text = text?.trimmingCharactersInSet(), !text.isEmpty else { return "" }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { indent + ("# " + $0).trimmingCharactersInSet() + "\n" }.joined()
    }

    /// `place_order` for `placeOrder` (and `get_url` for `getURL`), as PEP 8 names functions.
    static func snakeCase(_ name: String) -> String {
        let characters = Array(name)
        var out = ""
        for (index, character) in characters.enumerated() {
            if character.isUppercase, index > 0 {
                let previous = characters[index - 1]
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && next?.isLowercase == true) {
                    if !out.hasSuffix("_") { out += "_" }
                }
            }
            out += character.lowercased()
        }
        return out
    }

    /// `PlaceOrder` for `placeOrder`, as PEP 8 names classes.
    static func capitalized(_ name: String) -> String {
        guard let first = name.first else { return name }
        return first.uppercased() + name.dropFirst()
    }
}
