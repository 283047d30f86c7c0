import Foundation
import Synchronization

/// Compiled regular expressions by pattern and options, shared by every connection of
/// one driver so a pattern bound as a parameter compiles once, not once per row.
///
/// Bounded: when it holds `capacity` patterns it starts again empty, which keeps memory
/// flat when clients send ever-new patterns. Thread-safe (a `Mutex`).
final class RegularExpressionCache: Sendable {
    private struct Key: Hashable {
        var pattern: String
        var options: NSRegularExpression.Options.RawValue
    }

    private let capacity: Int
    private let entries = Mutex<[Key: NSRegularExpression]>([:])

    init(capacity: Int = 256) {
        self.capacity = capacity
    }

    /// The compiled expression; throws when ICU rejects the pattern.
    func expression(_ pattern: String, options: NSRegularExpression.Options) throws -> NSRegularExpression {
        let key = Key(pattern: pattern, options: options.rawValue)
        if let cached = entries.withLock({ $0[key] }) { return cached }
        let compiled = try NSRegularExpression(pattern: pattern, options: options)
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = compiled
        }
        return compiled
    }
}
