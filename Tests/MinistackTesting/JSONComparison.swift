import Foundation
public import MinistackCore
import OrderedCollections

/// Compares JSON the way a client reads it: key order and string content exact, numbers by
/// value (`3.0000` = `3`), so Postgres' numeric scale and SQLite's reals compare equal.
public enum JSONComparison {
    public static func equivalent(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool { difference(lhs, rhs) == nil }

    /// A description of the first difference, with its path, or nil when equivalent.
    public static func difference(_ lhs: JSONValue, _ rhs: JSONValue, path: String = "$") -> String? {
        switch (lhs, rhs) {
        case (.null, .null): return nil
        case (.bool(let a), .bool(let b)): return a == b ? nil : "\(path): \(a) ≠ \(b)"
        case (.string(let a), .string(let b)):
            return a == b ? nil : "\(path): \(JSONValue.quoted(a)) ≠ \(JSONValue.quoted(b))"
        case (.number(let a), .number(let b)):
            guard let left = Decimal(string: a), let right = Decimal(string: b) else {
                return a == b ? nil : "\(path): \(a) ≠ \(b)"
            }
            return left == right ? nil : "\(path): \(a) ≠ \(b)"
        case (.array(let a), .array(let b)):
            guard a.count == b.count else { return "\(path): \(a.count) items ≠ \(b.count) items" }
            for index in a.indices {
                if let found = difference(a[index], b[index], path: "\(path)[\(index)]") { return found }
            }
            return nil
        case (.object(let a), .object(let b)):
            guard Array(a.keys) == Array(b.keys) else { return "\(path): keys \(Array(a.keys)) ≠ \(Array(b.keys))" }
            for key in a.keys {
                if let found = difference(a[key]!, b[key]!, path: "\(path).\(key)") { return found }
            }
            return nil
        default:
            return "\(path): \(lhs.serialized) ≠ \(rhs.serialized)"
        }
    }
}
