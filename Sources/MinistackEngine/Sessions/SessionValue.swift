import Foundation
import MinistackCore
import OrderedCollections

/// Session variable values are text; other JSON from tokens and webhooks is written as Hasura does.
enum SessionValue {
    /// Strings as they are, numbers and booleans as written, lists as a Postgres array literal
    /// (`{a,b}`), objects as JSON.
    static func text(of value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .number(let digits): digits
        case .bool(let flag): flag ? "true" : "false"
        case .null: "null"
        case .array(let items):
            "{" + items.map { item in item.stringValue.map(quoteArrayElement) ?? text(of: item) }.joined(separator: ",")
                + "}"
        case .object: value.serialized
        }
    }

    static func quoteArrayElement(_ text: String) -> String {
        let plain = !text.isEmpty && !text.contains(where: { ",{}\"\\ ".contains($0) })
        guard !plain else { return text }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            + "\""
    }
}
