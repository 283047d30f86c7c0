import OrderedCollections

/// Booleans, integers and leftover keys, with the same file and path in errors as the rest of `JSONReader`.
extension JSONReader {
    func bool() throws -> Bool {
        guard case .bool(let flag) = value else { throw invalid("expected a boolean, found \(value.kindName)") }
        return flag
    }

    /// The field as a boolean; absent or null gives `default`.
    func optionalBool(_ key: String, default fallback: Bool) throws -> Bool {
        guard let field = optionalField(key), !field.value.isNull else { return fallback }
        return try field.bool()
    }

    func int() throws -> Int {
        guard let number = value.intValue else { throw invalid("expected an integer, found \(value.kindName)") }
        return number
    }

    /// The field as a string; absent or null gives nil.
    func optionalString(_ key: String) throws -> String? {
        try optionalField(key)?.optionalString()
    }

    /// The object's fields other than `known`, in order: what a typed model keeps as written.
    func otherFields(besides known: Set<String>) throws -> OrderedDictionary<String, JSONValue> {
        guard let fields = value.objectValue else { throw invalid("expected an object, found \(value.kindName)") }
        return fields.filter { !known.contains($0.key) }
    }
}
