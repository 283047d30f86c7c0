/// Splits a SQL script into its statements the way `psql` does.
///
/// PostgresNIO speaks only the extended query protocol, which takes one statement per
/// query, so `executeScript` runs a script statement by statement. A `;` ends a statement
/// only outside of quotes (`'…'`, `E'…'` with backslash escapes, `"…"`), dollar quotes
/// (`$$…$$`, `$tag$…$tag$`, so `DO $$ … $$` bodies stay whole), comments (`-- …`,
/// nested `/* … */`), parentheses, and the `BEGIN … END` body of a SQL-standard
/// `CREATE [OR REPLACE] FUNCTION|PROCEDURE … BEGIN ATOMIC … END` (psql's heuristic).
/// Statements that are empty or only comments are dropped; the rest keep their text.
enum PostgresScript {
    static func statements(in script: String) -> [String] {
        var scanner = Scanner(bytes: Array(script.utf8))
        return scanner.split()
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var statementStart = 0
        var hasContent = false
        var parenDepth = 0
        var beginDepth = 0
        /// The first words of the statement (lowercased), enough to spot `CREATE [OR REPLACE] FUNCTION`.
        var leadingWords: [String] = []
        var wordCount = 0
        var statements: [String] = []

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func split() -> [String] {
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "'"):
                    let escapes =
                        index > 0 && (bytes[index - 1] | 0x20) == UInt8(ascii: "e") && !isWordByte(at: index - 2)
                    skipQuoted(UInt8(ascii: "'"), backslashEscapes: escapes)
                case UInt8(ascii: "\""):
                    skipQuoted(UInt8(ascii: "\""), backslashEscapes: false)
                case UInt8(ascii: "-") where peek(1) == UInt8(ascii: "-"):
                    while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "*"):
                    skipBlockComment()
                case UInt8(ascii: "$") where !isWordByte(at: index - 1):
                    if !skipDollarQuoted() { markContent(); index += 1 }
                case UInt8(ascii: "("):
                    markContent()
                    parenDepth += 1
                    index += 1
                case UInt8(ascii: ")"):
                    markContent()
                    parenDepth = max(0, parenDepth - 1)
                    index += 1
                case UInt8(ascii: ";"):
                    index += 1
                    if parenDepth == 0 && beginDepth == 0 { finishStatement(end: index) }
                default:
                    if isIdentifierStart(byte) {
                        readWord()
                    } else if isDigit(byte) {
                        markContent()
                        while index < bytes.count, isWordByte(at: index) { index += 1 }
                    } else {
                        if !isSpace(byte) { markContent() }
                        index += 1
                    }
                }
            }
            finishStatement(end: bytes.count)
            return statements
        }

        private mutating func finishStatement(end: Int) {
            if hasContent {
                let text = String(decoding: bytes[statementStart..<end], as: UTF8.self)
                statements.append(trim(text))
            }
            statementStart = end
            hasContent = false
            parenDepth = 0
            beginDepth = 0
            leadingWords = []
            wordCount = 0
        }

        private mutating func markContent() { hasContent = true }

        private func peek(_ offset: Int) -> UInt8? {
            index + offset < bytes.count ? bytes[index + offset] : nil
        }

        private mutating func skipQuoted(_ quote: UInt8, backslashEscapes: Bool) {
            markContent()
            index += 1
            while index < bytes.count {
                let byte = bytes[index]
                if backslashEscapes && byte == UInt8(ascii: "\\") {
                    index += 2
                } else if byte == quote {
                    index += 1
                    if index < bytes.count && bytes[index] == quote { index += 1 } else { return }
                } else {
                    index += 1
                }
            }
        }

        private mutating func skipBlockComment() {
            var depth = 0
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "*") {
                    depth += 1
                    index += 2
                } else if bytes[index] == UInt8(ascii: "*") && peek(1) == UInt8(ascii: "/") {
                    depth -= 1
                    index += 2
                    if depth == 0 { return }
                } else {
                    index += 1
                }
            }
        }

        /// At a `$`: skips `$tag$ … $tag$` and returns `true`, or returns `false` for a
        /// lone `$` or a parameter like `$1`.
        private mutating func skipDollarQuoted() -> Bool {
            var cursor = index + 1
            if cursor < bytes.count, isDigit(bytes[cursor]) { return false }
            while cursor < bytes.count, bytes[cursor] != UInt8(ascii: "$") {
                guard isIdentifierStart(bytes[cursor]) || isDigit(bytes[cursor]) else { return false }
                cursor += 1
            }
            guard cursor < bytes.count else { return false }
            let delimiter = Array(bytes[index...cursor])
            markContent()
            index = cursor + 1
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "$"), bytes[index...].starts(with: delimiter) {
                    index += delimiter.count
                    return true
                }
                index += 1
            }
            return true
        }

        private mutating func readWord() {
            markContent()
            let start = index
            while index < bytes.count, isWordByte(at: index) { index += 1 }
            let word = String(decoding: bytes[start..<index], as: UTF8.self).lowercased()
            if wordCount < 4 { leadingWords.append(word) }
            wordCount += 1
            guard isRoutineDefinition, parenDepth == 0 else { return }
            switch word {
            case "begin": beginDepth += 1
            case "case" where beginDepth >= 1: beginDepth += 1
            case "end" where beginDepth > 0: beginDepth -= 1
            default: break
            }
        }

        /// `CREATE FUNCTION`, `CREATE PROCEDURE`, `CREATE OR REPLACE FUNCTION|PROCEDURE`.
        private var isRoutineDefinition: Bool {
            let routine: Set = ["function", "procedure"]
            guard leadingWords.first == "create", leadingWords.count >= 2 else { return false }
            if routine.contains(leadingWords[1]) { return true }
            return leadingWords.count >= 4 && leadingWords[1] == "or" && leadingWords[2] == "replace"
                && routine.contains(leadingWords[3])
        }

        private func isWordByte(at position: Int) -> Bool {
            guard position >= 0, position < bytes.count else { return false }
            let byte = bytes[position]
            return isIdentifierStart(byte) || isDigit(byte) || byte == UInt8(ascii: "$")
        }

        private func isIdentifierStart(_ byte: UInt8) -> Bool {
            (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte == UInt8(ascii: "_")
                || byte >= 0x80
        }

        private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

        private func isSpace(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t")
                || byte == UInt8(ascii: "\r") || byte == 0x0C
        }

        private func trim(_ text: String) -> String {
            var view = Substring(text)
            while let first = view.first, first.isWhitespace { view.removeFirst() }
            while let last = view.last, last.isWhitespace { view.removeLast() }
            return String(view)
        }
    }
}
