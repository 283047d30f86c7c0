import Foundation
import MinistackCore
import MinistackTesting
import Testing

/// One folder under `Cases/`: `query.graphql`, optional `variables.json`, `headers.json`,
/// `operation.txt` (operation name), and the expected `result.json` (or
/// `result.<postgres|sqlite>.json` where the databases must differ, with a reason in `README`).
struct QueryCase: CustomTestStringConvertible, Sendable {
    let name: String
    let directory: String

    var testDescription: String { name.replacingOccurrences(of: "_", with: " ") }

    static let root = ExampleProject.root + "/Tests/MinistackIntegrationTests/Cases"

    static var all: [QueryCase] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.sorted().filter { FileManager.default.fileExists(atPath: root + "/" + $0 + "/query.graphql") }
            .map { QueryCase(name: $0, directory: root + "/" + $0) }
    }

    func file(_ name: String) -> String? { try? String(contentsOfFile: directory + "/" + name, encoding: .utf8) }

    var query: String { file("query.graphql") ?? "" }

    var variables: JSONValue? { get throws { try file("variables.json").map { try JSONParser.parse($0) } } }

    var headers: [String: String] {
        get throws {
            guard let text = file("headers.json"), case .object(let fields) = try JSONParser.parse(text) else {
                return [:]
            }
            return fields.reduce(into: [:]) { $0[$1.key] = $1.value.stringValue ?? "" }
        }
    }

    var operationName: String? { file("operation.txt")?.trimmingCharacters(in: .whitespacesAndNewlines) }

    func expected(for kind: DatabaseKind) throws -> JSONValue {
        guard let text = file("result.\(kind.rawValue).json") ?? file("result.json") else {
            throw ExampleServerError.missing("\(name): no result.json")
        }
        return try JSONParser.parse(text)
    }
}

extension ExampleServerError {
    static func missing(_ message: String) -> some Error { CaseError(message: message) }
}

struct CaseError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
