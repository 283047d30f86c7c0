/// Reads a JSON value while tracking the file and JSON path, so shape errors say where.
struct JSONReader {
    let value: JSONValue
    let file: String
    let path: String

    func invalid(_ message: String) -> MetadataError { .invalidShape(file: file, path: path, message: message) }

    func optionalField(_ key: String) -> JSONReader? {
        guard let field = value[key] else { return nil }
        return JSONReader(value: field, file: file, path: path + "." + key)
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
        return items.enumerated().map { JSONReader(value: $1, file: file, path: "\(path)[\($0)]") }
    }
}
