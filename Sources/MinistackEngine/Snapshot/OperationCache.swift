import GraphQL
import MinistackCore
import Synchronization

/// Parsed, validated operations by (role, document, operation name), each with its compiled
/// plans by variables fingerprint. Bounded: when full it starts over.
final class OperationCache: Sendable {
    struct Key: Hashable, Sendable {
        var role: String
        var query: String
        var operationName: String?
    }

    static let capacity = 2_000
    private let entries = Mutex<[Key: PreparedOperation]>([:])

    /// The cached operation for `key`, if any (for tests and diagnostics).
    func cached(_ key: Key) -> PreparedOperation? { entries.withLock { $0[key] } }

    func operation(for key: Key, prepare: () -> PreparedOperation) -> PreparedOperation {
        if let cached = entries.withLock({ $0[key] }) { return cached }
        let prepared = prepare()
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = prepared
        }
        return prepared
    }
}

/// An operation that parsed and validated against a role's schema (or the errors why not).
final class PreparedOperation: Sendable {
    enum Outcome: @unchecked Sendable {
        case ready(document: Document, operation: OperationDefinition, fragments: [String: FragmentDefinition])
        case failed([HasuraError])
    }

    let outcome: Outcome
    private let plans = Mutex<[String: CompiledQuery]>([:])
    private let introspection = Mutex<[String: [String: String]]>([:])

    init(_ outcome: Outcome) { self.outcome = outcome }

    func plan(for fingerprint: String) -> CompiledQuery? { plans.withLock { $0[fingerprint] } }

    /// How many variable shapes have a compiled plan.
    var planCount: Int { plans.withLock { $0.count } }

    func store(_ plan: CompiledQuery, for fingerprint: String) {
        plans.withLock { plans in
            if plans.count >= 64 { plans.removeAll() }
            plans[fingerprint] = plan
        }
    }

    /// Introspection answers (alias → JSON) by variables, since `__type(name: $n)` depends on values.
    func introspectionResult(for variables: String) -> [String: String]? { introspection.withLock { $0[variables] } }

    func storeIntrospectionResult(_ result: [String: String], for variables: String) {
        introspection.withLock { cache in
            if cache.count >= 64 { cache.removeAll() }
            cache[variables] = result
        }
    }
}
