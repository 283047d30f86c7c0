import Foundation
import MinistackCore
import MinistackTesting
import Testing

/// One folder under `MutationCases/`, run on its own fresh copy of the example database:
///
/// - `request.graphql`: the mutation (one or several root fields), with optional `variables.json`;
/// - the expected answer, either `result.json` (the whole body) or `error.json`
///   (`{"code": "...", "message_prefix": "...", "path"?: "..."}`: the request failed with
///   exactly one error with this code, a message starting with the prefix, this
///   `extensions.path` when given, and no `data` key — for database errors, whose text after
///   Hasura's prefix is the database's own and differs between Postgres and SQLite);
///   `result.<postgres|sqlite>.json` or `error.<postgres|sqlite>.json` replace them for one
///   database, with a `README` saying why;
/// - optional `headers.json`: request headers, e.g. `x-hasura-role` and `x-hasura-user-id` to run
///   the mutation as a role (the follow-up query always runs as admin);
/// - optional `after.graphql` + `after.json` (or `after.<postgres|sqlite>.json`): a query run
///   afterwards on the same server, whose expected result proves what the database holds
///   (that a failed request wrote nothing, that nested rows exist).
struct MutationCase: CustomTestStringConvertible, Sendable {
    let name: String
    let directory: String

    var testDescription: String { name.replacingOccurrences(of: "_", with: " ") }

    static let root = ExampleProject.root + "/Tests/MinistackIntegrationTests/MutationCases"

    static var all: [MutationCase] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.sorted().filter { FileManager.default.fileExists(atPath: root + "/" + $0 + "/request.graphql") }
            .map { MutationCase(name: $0, directory: root + "/" + $0) }
    }

    /// What the mutation must answer.
    enum Expectation: Sendable {
        /// The whole response body.
        case body(JSONValue)
        /// One error with this code, a message with this prefix, this path when given, and no `data`.
        case error(code: String, messagePrefix: String, path: String?)
    }

    func file(_ name: String) -> String? { try? String(contentsOfFile: directory + "/" + name, encoding: .utf8) }

    var request: String { file("request.graphql") ?? "" }

    var variables: JSONValue? { get throws { try file("variables.json").map { try JSONParser.parse($0) } } }

    var headers: [String: String] {
        get throws {
            guard let text = file("headers.json"), case .object(let fields) = try JSONParser.parse(text) else {
                return [:]
            }
            return fields.reduce(into: [:]) { $0[$1.key] = $1.value.stringValue ?? "" }
        }
    }

    /// The follow-up query, if any.
    var after: String? { file("after.graphql") }

    func expected(for kind: DatabaseKind) throws -> Expectation {
        if let text = file("result.\(kind.rawValue).json") { return .body(try JSONParser.parse(text)) }
        if let text = file("error.\(kind.rawValue).json") { return try Self.errorExpectation(text, in: name) }
        if let text = file("result.json") { return .body(try JSONParser.parse(text)) }
        if let text = file("error.json") { return try Self.errorExpectation(text, in: name) }
        throw CaseError(message: "\(name): no result.json or error.json")
    }

    func expectedAfter(for kind: DatabaseKind) throws -> JSONValue {
        guard let text = file("after.\(kind.rawValue).json") ?? file("after.json") else {
            throw CaseError(message: "\(name): after.graphql without after.json")
        }
        return try JSONParser.parse(text)
    }

    static func errorExpectation(_ text: String, in name: String) throws -> Expectation {
        let fields = try JSONParser.parse(text)
        guard let code = fields["code"]?.stringValue, let prefix = fields["message_prefix"]?.stringValue
        else {
            throw CaseError(message: "\(name): error.json needs \"code\" and \"message_prefix\" strings")
        }
        return .error(code: code, messagePrefix: prefix, path: fields["path"]?.stringValue)
    }

    /// Why `body` does not meet `expectation`, or nil when it does.
    static func mismatch(_ body: JSONValue, _ expectation: Expectation) -> String? {
        switch expectation {
        case .body(let expected):
            return JSONComparison.difference(body, expected)
        case .error(let code, let prefix, let path):
            guard body.objectValue != nil else { return "the body is not an object" }
            if body["data"] != nil { return "the body has a data key" }
            guard let errors = body["errors"]?.arrayValue, errors.count == 1 else {
                return "the body does not have exactly one error"
            }
            let error = errors[0]
            guard let message = error["message"]?.stringValue else { return "the error has no message" }
            if !message.hasPrefix(prefix) {
                return "the message \(JSONValue.quoted(message)) does not start with \(JSONValue.quoted(prefix))"
            }
            let actualCode = error["extensions"]?["code"]?.stringValue
            if actualCode != code {
                return "the code is \(actualCode.map(JSONValue.quoted) ?? "missing"), not \(JSONValue.quoted(code))"
            }
            if let path {
                let actualPath = error["extensions"]?["path"]?.stringValue
                if actualPath != path {
                    return "the path is \(actualPath.map(JSONValue.quoted) ?? "missing"), not \(JSONValue.quoted(path))"
                }
            }
            return nil
        }
    }
}
