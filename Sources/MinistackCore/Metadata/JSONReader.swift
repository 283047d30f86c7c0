/// Reads a JSON value while tracking the file and JSON path, so shape errors say where.
struct JSONReader {
    let value: JSONValue
    let file: String
    /// The path shown in errors, from the root of `file`.
    let path: String
    /// The path from the root of the loaded document, across includes.
    var documentPath: String
    /// Document path → file for included subtrees.
    var includeRoots: [String: String] = [:]

    init(value: JSONValue, file: String, path: String, includeRoots: [String: String] = [:]) {
        self.value = value
        self.file = file
        self.path = path
        documentPath = path
        self.includeRoots = includeRoots
    }

    private init(value: JSONValue, file: String, path: String, documentPath: String, includeRoots: [String: String]) {
        self.value = value
        self.file = file
        self.path = path
        self.documentPath = documentPath
        self.includeRoots = includeRoots
    }

    /// The reader of a child at `step` (`.key` or `[index]`), switching file where an include starts.
    private func child(_ value: JSONValue, step: String) -> JSONReader {
        let childDocumentPath = documentPath + step
        if let included = includeRoots[childDocumentPath] {
            return JSONReader(
                value: value, file: included, path: "$", documentPath: childDocumentPath, includeRoots: includeRoots)
        }
        return JSONReader(
            value: value, file: file, path: path + step, documentPath: childDocumentPath, includeRoots: includeRoots)
    }

    func invalid(_ message: String) -> MetadataError { .invalidShape(file: file, path: path, message: message) }

    func optionalField(_ key: String) -> JSONReader? {
        guard let field = value[key] else { return nil }
        return child(field, step: "." + key)
    }

    func field(_ key: String) throws -> JSONReader {
        guard value.objectValue != nil else { throw invalid("expected an object") }
        guard let field = optionalField(key) else { throw invalid("missing field '\(key)'") }
        return field
    }

    func string() throws -> String {
        guard let text = value.stringValue else { throw invalid("expected a string, found \(value.kindName)") }
        return text
    }

    func optionalString() throws -> String? {
        if value.isNull { return nil }
        return try string()
    }

    func array(orNullAsEmpty: Bool = false) throws -> [JSONReader] {
        if orNullAsEmpty, value.isNull { return [] }
        guard let items = value.arrayValue else { throw invalid("expected a list, found \(value.kindName)") }
        return items.enumerated().map { child($1, step: "[\($0)]") }
    }
}
