/// Translates a Postgres `SIMILAR TO` pattern into an ICU (`NSRegularExpression`) pattern
/// that must match the whole value, following Postgres's own `similar_escape`.
///
/// - `%` becomes `.*` and `_` becomes `.`;
/// - `|`, `*`, `+`, `?`, `{m,n}` keep their regex meaning; `(` opens a non-capturing group;
/// - `.`, `^`, `$` are literal (escaped);
/// - `[...]` bracket expressions are kept, with POSIX classes such as `[:digit:]`;
///   characters ICU would read as set syntax (`[`, `&`, `\`…) are escaped inside them;
/// - the escape character is `\`: `\%` is a literal `%`.
///
/// The result is wrapped as `\A(?:…)\z`; compile it with `.dotMatchesLineSeparators` so
/// `%` spans newlines as in Postgres.
enum SimilarToPattern {
    static func regularExpression(from pattern: String) -> String {
        var output = "\\A(?:"
        var characters = Array(pattern)[...]
        while let character = characters.popFirst() {
            switch character {
            case "\\":
                if let escaped = characters.popFirst() {
                    output += "\\" + String(escaped)
                } else {
                    output += "\\\\"
                }
            case "[":
                output += bracketExpression(&characters)
            case "%": output += ".*"
            case "_": output += "."
            case "(": output += "(?:"
            case ".", "^", "$": output += "\\" + String(character)
            default: output.append(character)
            }
        }
        return output + ")\\z"
    }

    /// Consumes a bracket expression after its `[` and renders it for ICU.
    private static func bracketExpression(_ characters: inout ArraySlice<Character>) -> String {
        var output = "["
        if characters.first == "^" {
            characters.removeFirst()
            output += "^"
        }
        var isFirst = true
        while let character = characters.popFirst() {
            defer { isFirst = false }
            switch character {
            case "]" where !isFirst:
                return output + "]"
            case "[" where characters.first == ":":
                // A POSIX class such as [:alpha:], copied through its closing ":]".
                output += "["
                while let next = characters.popFirst() {
                    output.append(next)
                    if next == ":" && characters.first == "]" {
                        characters.removeFirst()
                        output += "]"
                        break
                    }
                }
            case "\\":
                output += "\\" + String(characters.popFirst() ?? "\\")
            case "-":
                output += "-"
            case let literal where literal.isLetter || literal.isNumber:
                output.append(literal)
            default:
                output += "\\" + String(character)
            }
        }
        // Unterminated: let the regex compiler report it as Postgres would.
        return output
    }
}
