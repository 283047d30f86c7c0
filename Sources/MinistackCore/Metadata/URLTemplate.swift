import Foundation

/// A URL written with `{{ENV_VAR}}` placeholders, as Hasura allows for action handlers, event
/// trigger webhooks and remote schema URLs (`"{{ACTION_BASE_URL}}/login"`).
///
/// Rendering is pure: the caller passes the environment, so a missing variable is found when
/// the metadata is resolved (an inconsistency), not when a request arrives.
public struct URLTemplate: Sendable, Hashable {
    /// The template as written.
    public let text: String

    public init(_ text: String) { self.text = text }

    /// One piece of the template: literal text or a variable name.
    enum Piece: Hashable {
        case text(String)
        case variable(String)
    }

    /// The pieces in order; an unterminated `{{` is literal text, as in Hasura's parser.
    var pieces: [Piece] {
        var pieces: [Piece] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            if open.lowerBound > rest.startIndex { pieces.append(.text(String(rest[..<open.lowerBound]))) }
            pieces.append(.variable(String(rest[open.upperBound..<close.lowerBound]).trimmingCharactersInSet()))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        return pieces
    }

    /// The environment variables the template names, in order of appearance.
    public var variables: [String] {
        pieces.compactMap { piece in
            if case .variable(let name) = piece { return name }
            return nil
        }
    }

    /// The URL with every variable replaced by its value, or the names of the variables that
    /// are not set.
    public func render(in environment: [String: String]) -> Result<String, MissingEnvironmentVariables> {
        var out = ""
        var missing: [String] = []
        for piece in pieces {
            switch piece {
            case .text(let text): out += text
            case .variable(let name):
                if let value = environment[name] { out += value } else { missing.append(name) }
            }
        }
        return missing.isEmpty ? .success(out) : .failure(MissingEnvironmentVariables(names: missing))
    }
}

/// Environment variables a template or a `*_from_env` setting needs but the server lacks.
public struct MissingEnvironmentVariables: Error, Sendable, Hashable, CustomStringConvertible {
    public var names: [String]

    public init(names: [String]) { self.names = names }

    /// Hasura's wording for templates: `Value for environment variables not found: A, B`.
    public var description: String {
        "Value for environment variables not found: " + names.joined(separator: ", ")
    }
}
