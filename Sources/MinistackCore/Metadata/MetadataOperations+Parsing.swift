/// Typed parts of a call's arguments, with parse errors in Hasura's shape.
extension MetadataOperations.Arguments {
    /// `make` applied to the argument `key` (or to all arguments when `key` is nil); a shape
    /// error becomes `parse-failed` at the JSON path where it was found.
    func parse<Value>(_ key: String?, _ make: (JSONReader) throws -> Value) throws(HasuraError) -> Value {
        let root = JSONReader(value: value, file: "args", path: "$.args")
        do {
            if let key {
                guard value.objectValue != nil, let field = root.optionalField(key) else {
                    throw HasuraError(.parseFailed, "key \"\(key)\" not found", path: "$.args")
                }
                return try make(field)
            }
            return try make(root)
        } catch let error as HasuraError {
            throw error
        } catch let error as MetadataError {
            throw HasuraError(parsing: error)
        } catch {
            throw HasuraError(.parseFailed, "\(error)", path: "$.args")
        }
    }

    /// A boolean argument; absent or null gives `fallback`.
    func bool(_ key: String, default fallback: Bool) throws(HasuraError) -> Bool {
        guard let field = value[key], !field.isNull else { return fallback }
        guard case .bool(let flag) = field else {
            throw HasuraError(.parseFailed, "expected Bool, but encountered \(field.kindName)", path: "$.args.\(key)")
        }
        return flag
    }
}

extension HasuraError {
    /// A shape error in call arguments, as Hasura words parse failures (`key "x" not found`).
    init(parsing error: MetadataError) {
        switch error {
        case .invalidShape(_, let path, let message):
            if message.hasPrefix("missing field '"), message.hasSuffix("'") {
                let key = message.dropFirst("missing field '".count).dropLast()
                self.init(.parseFailed, "key \"\(key)\" not found", path: path)
            } else {
                self.init(.parseFailed, message, path: path)
            }
        default:
            self.init(.parseFailed, error.description, path: "$.args")
        }
    }
}
