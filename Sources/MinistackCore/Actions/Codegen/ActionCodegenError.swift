/// Why code cannot be generated for an action.
public enum ActionCodegenError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No action of that name; `known` lists the metadata's actions.
    case unknownAction(String, known: [String])
    /// A type reference (`[Book!]!`) that is not GraphQL, with where it was found.
    case invalidTypeReference(String, at: String)

    public var description: String {
        switch self {
        case .unknownAction(let name, let known):
            let listed = known.isEmpty ? "the metadata has no actions" : "actions: " + known.joined(separator: ", ")
            return "no action named \"\(name)\" in the metadata (\(listed))"
        case .invalidTypeReference(let reference, let place):
            return "\(place) has the type \"\(reference)\", which is not a GraphQL type reference"
        }
    }
}
