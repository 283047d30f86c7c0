/// `create_action`, `drop_action`, `update_action`, `create_action_permission`,
/// `drop_action_permission` and `set_custom_types`, with Hasura's errors.
///
/// Whether the types an action names exist, and whether its handler's `{{ENV}}` placeholders
/// are set, is checked by resolving the result (a call that adds an inconsistency is refused).
extension MetadataOperations {
    static func applyActionCall(_ operation: String, arguments: JSONValue, to metadata: Metadata) throws(HasuraError)
        -> Metadata
    {
        let reader = Arguments(value: arguments)
        var metadata = metadata
        var actions = metadata.actions
        func index(of name: String, missing message: String) throws(HasuraError) -> Int {
            guard let index = actions.firstIndex(where: { $0.name == name }) else {
                throw HasuraError(.notExists, message, path: "$.args")
            }
            return index
        }
        switch operation {
        case "create_action":
            let name = try reader.string("name")
            guard GraphQLName.isValid(name) else {
                throw HasuraError(.parseFailed, "\"\(name)\" is not a valid GraphQL name", path: "$.args.name")
            }
            guard !actions.contains(where: { $0.name == name }) else {
                throw HasuraError(.alreadyExists, "action with name \"\(name)\" already exists", path: "$.args")
            }
            actions.append(
                ActionMetadata(
                    name: name, definition: try reader.actionDefinition(), comment: try reader.optionalString("comment")
                ))
        case "drop_action":
            let name = try reader.string("name")
            _ = try reader.bool("clear_data", default: true)
            actions.remove(at: try index(of: name, missing: "action with name \"\(name)\" does not exist"))
        case "update_action":
            let name = try reader.string("name")
            let position = try index(of: name, missing: "action with name \"\(name)\" not exists")
            actions[position].definition = try reader.actionDefinition()
            if let comment = try reader.optionalString("comment") { actions[position].comment = comment }
        case "create_action_permission":
            let name = try reader.string("action")
            let role = try reader.string("role")
            let position = try index(of: name, missing: "action with name \"\(name)\" does not exist")
            guard !actions[position].permissions.contains(where: { $0.role == role }) else {
                throw HasuraError(
                    .alreadyExists, "permission for role \"\(role)\" is already defined on \"\(name)\"", path: "$.args")
            }
            actions[position].permissions.append(
                ActionPermission(role: role, comment: try reader.optionalString("comment")))
        case "drop_action_permission":
            let name = try reader.string("action")
            let role = try reader.string("role")
            let position = try index(of: name, missing: "action with name \"\(name)\" does not exist")
            guard actions[position].permissions.contains(where: { $0.role == role }) else {
                throw HasuraError(
                    .notExists, "permission for role: \"\(role)\" is not defined on \"\(name)\"", path: "$.args")
            }
            actions[position].permissions.removeAll { $0.role == role }
        default:  // set_custom_types
            var types = try reader.parse(nil) { try CustomTypes(reading: $0) }
            for index in types.objects.indices {
                types.objects[index].relationships = types.objects[index].relationships.map(\.sortedKeys)
            }
            metadata.customTypes = types
            return metadata
        }
        metadata.actions = actions
        return metadata
    }
}

extension MetadataOperations.Arguments {
    /// The `definition` argument of `create_action` / `update_action`, transforms stored with
    /// sorted keys as Hasura keeps them.
    func actionDefinition() throws(HasuraError) -> ActionDefinition {
        var definition = try parse("definition") { try ActionDefinition(reading: $0) }
        definition.requestTransform = definition.requestTransform?.sortedKeys
        definition.responseTransform = definition.responseTransform?.sortedKeys
        return definition
    }
}
