/// Hands out identifiers nobody else in a generated module uses: the preferred name, with `_`
/// appended until it is free.
struct IdentifierPool {
    private var taken: Set<String>

    init(reserved: Set<String>) { taken = reserved }

    mutating func claim(_ preferred: String) -> String {
        var candidate = preferred
        while taken.contains(candidate) { candidate += "_" }
        taken.insert(candidate)
        return candidate
    }

    /// An identifier for each named type the action reaches (built-in scalars are not declared).
    mutating func claimTypes(of graph: ActionTypeGraph) -> [String: String] {
        var types: [String: String] = [:]
        for type in graph.reachable {
            if case .builtInScalar = type { continue }
            types[type.name] = claim(type.name)
        }
        return types
    }
}
