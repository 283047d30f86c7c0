/// `add_remote_schema`, `remove_remote_schema` and `update_remote_schema`, with Hasura's errors.
///
/// The remote is not contacted here (that is I/O); whether its URL and headers resolve in the
/// environment is checked by resolving the result.
extension MetadataOperations {
    static func applyRemoteSchemaCall(_ operation: String, arguments: JSONValue, to metadata: Metadata)
        throws(HasuraError) -> Metadata
    {
        let reader = Arguments(value: arguments)
        var metadata = metadata
        var remoteSchemas = metadata.remoteSchemas
        let name = try reader.string("name")
        let existing = remoteSchemas.firstIndex { $0.name == name }
        switch operation {
        case "add_remote_schema":
            guard existing == nil else {
                throw HasuraError(.alreadyExists, "remote schema with name \"\(name)\" already exists", path: "$.args")
            }
            remoteSchemas.append(try reader.remoteSchema(named: name, keeping: nil))
        case "update_remote_schema":
            guard let existing else {
                throw HasuraError(.notExists, "remote schema with name \"\(name)\" doesn't exist", path: "$.args")
            }
            remoteSchemas[existing] = try reader.remoteSchema(named: name, keeping: remoteSchemas[existing].raw)
        default:  // remove_remote_schema
            guard let existing else { throw HasuraError(.notExists, "no such remote schema", path: "$.args") }
            remoteSchemas.remove(at: existing)
        }
        metadata.remoteSchemas = remoteSchemas
        return metadata
    }
}

extension MetadataOperations.Arguments {
    /// The remote schema the arguments describe, laid out as Hasura exports it; an update keeps
    /// the permissions and remote relationships of `previous`.
    func remoteSchema(named name: String, keeping previous: JSONValue?) throws(HasuraError) -> RemoteSchemaMetadata {
        let definition = try parse("definition") { try RemoteSchemaDefinition(reading: $0) }
        if case .failure(.invalid(let message)) = definition.resolveURL(in: [:]) {
            throw HasuraError(.invalidParams, message, path: "$.args")
        }
        let comment = try optionalString("comment")
        var fields: [(String, JSONValue)] = [
            ("name", .string(name)), ("definition", RemoteSchemaDefinition.exportJSON(value["definition"] ?? .null)),
        ]
        if let comment { fields.append(("comment", .string(comment))) }
        for key in ["permissions", "remote_relationships"] {
            if let kept = previous?[key] { fields.append((key, kept)) }
        }
        return RemoteSchemaMetadata(name: name, definition: definition, comment: comment, raw: .fields(fields))
    }
}
