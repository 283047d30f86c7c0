import OrderedCollections
import Yams

/// Turns the YAML files of a metadata directory into JSON values, following Hasura's
/// `!include <relative path>` strings (quoted, as exported, or as a YAML tag).
///
/// Works on an in-memory map from relative path to file text, so it does no I/O.
final class YAMLDocumentLoader {
    let files: [String: String]
    /// Where each included file landed: JSON path in the loaded document → file name, so errors name the right file.
    private(set) var includeRoots: [String: String] = [:]

    init(files: [String: String]) { self.files = files }

    /// The JSON of `path` with every include replaced by the included file's content.
    func load(_ path: String, includedFrom: String? = nil, depth: Int = 0, at jsonPath: String = "$") throws
        -> JSONValue
    {
        if includedFrom != nil { includeRoots[jsonPath] = path }
        guard let text = files[path] else { throw MetadataError.missingFile(path, includedFrom: includedFrom) }
        guard depth < 32 else {
            throw MetadataError.invalidShape(file: path, path: "$", message: "too many nested !include")
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Self.syntaxError(error, file: path)
        } catch {
            throw MetadataError.syntax(file: path, line: nil, message: "\(error)")
        }
        guard let node else { return .null }
        return try convert(node, file: path, depth: depth, at: jsonPath)
    }

    private static func syntaxError(_ error: YamlError, file: String) -> MetadataError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return .syntax(file: file, line: mark.line, message: problem)
        default:
            return .syntax(file: file, line: nil, message: "\(error)")
        }
    }

    private func convert(_ node: Node, file: String, depth: Int, at jsonPath: String) throws -> JSONValue {
        switch node {
        case .scalar(let scalar):
            if node.tag.description == "!include" {
                return try load(
                    resolve(scalar.string, relativeTo: file), includedFrom: file, depth: depth + 1, at: jsonPath)
            }
            if scalar.style == .plain || scalar.style == .any {
                if node.null != nil { return .null }
                if let flag = node.bool { return .bool(flag) }
                if node.int != nil || node.float != nil, let number = Self.jsonNumber(scalar.string) {
                    return .number(number)
                }
            }
            if scalar.string.hasPrefix("!include ") {
                let target = String(scalar.string.dropFirst("!include ".count)).trimmingCharactersInSet()
                return try load(resolve(target, relativeTo: file), includedFrom: file, depth: depth + 1, at: jsonPath)
            }
            return .string(scalar.string)
        case .mapping(let mapping):
            var object = OrderedDictionary<String, JSONValue>()
            for (key, value) in mapping {
                let name = key.string ?? "\(key)"
                object[name] = try convert(value, file: file, depth: depth, at: jsonPath + "." + name)
            }
            return .object(object)
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for item in sequence {
                items.append(try convert(item, file: file, depth: depth, at: jsonPath + "[\(items.count)]"))
            }
            return .array(items)
        case .alias:
            throw MetadataError.invalidShape(
                file: file, path: "$", message: "YAML aliases are not supported in metadata")
        }
    }

    /// A YAML number as JSON number text, or nil for forms JSON lacks (`.inf`, `0x1F`).
    private static func jsonNumber(_ text: String) -> String? {
        guard case .number(let number)? = try? JSONParser.parse(text) else { return nil }
        return number
    }

    /// `target` relative to the folder of `file`, with `.` and `..` folded.
    func resolve(_ target: String, relativeTo file: String) -> String {
        var components = file.split(separator: "/").dropLast().map(String.init)
        for part in target.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !components.isEmpty { components.removeLast() }
            default: components.append(String(part))
            }
        }
        return components.joined(separator: "/")
    }
}
