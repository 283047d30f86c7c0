/// Why a metadata directory cannot be read at all.
///
/// Only syntax and shape problems are errors; a table missing from the database or a
/// broken relationship is an `Inconsistency`, collected during resolution.
public enum MetadataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// YAML that does not parse, with the file and the parser's position and problem.
    case syntax(file: String, line: Int?, message: String)
    /// A file named by `!include` (or a required file) is missing.
    case missingFile(String, includedFrom: String?)
    /// Valid YAML of the wrong shape, at a JSON path inside a file.
    case invalidShape(file: String, path: String, message: String)

    public var description: String {
        switch self {
        case .syntax(let file, let line, let message):
            if let line { return "\(file):\(line): YAML syntax error: \(message)" }
            return "\(file): YAML syntax error: \(message)"
        case .missingFile(let file, let includedFrom):
            if let includedFrom { return "\(includedFrom): included file not found: \(file)" }
            return "file not found: \(file)"
        case .invalidShape(let file, let path, let message):
            return "\(file): \(path): \(message)"
        }
    }
}
