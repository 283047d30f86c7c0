import Foundation
import OrderedCollections

/// The `/v1/metadata` calls that change metadata, as pure edits of a `Metadata` value.
///
/// Each call checks what it can without the database (is the table tracked, is the name
/// free) and throws Hasura's error; whether the result resolves against the database is
/// checked afterwards, by building a snapshot from it.
public enum MetadataOperations {
    /// The calls on a source's tables, taken with and without the `pg_`/`sqlite_` prefix.
    public static let supported: Set<String> = [
        "track_table", "untrack_table", "create_object_relationship", "create_array_relationship", "drop_relationship",
        "rename_relationship", "create_select_permission", "create_insert_permission", "create_update_permission",
        "create_delete_permission", "drop_select_permission", "drop_insert_permission", "drop_update_permission",
        "drop_delete_permission", "create_event_trigger", "delete_event_trigger",
    ]

    /// The calls on metadata outside the sources, taken without a prefix (as Hasura names them).
    public static let unprefixed: Set<String> = [
        "create_action", "drop_action", "update_action", "create_action_permission", "drop_action_permission",
        "set_custom_types", "add_remote_schema", "remove_remote_schema", "update_remote_schema",
    ]

    /// The operation name without its backend prefix (`pg_track_table` → `track_table`).
    public static func operation(named type: String) -> String? {
        if unprefixed.contains(type) { return type }
        for prefix in ["pg_", "sqlite_", ""] where type.hasPrefix(prefix) {
            let name = String(type.dropFirst(prefix.count))
            if supported.contains(name) { return name }
        }
        return nil
    }

    /// `metadata` with the call applied; `model` (what the metadata resolved to) tells which
    /// relationships point at a table through a foreign key of their own table.
    public static func apply(
        _ operation: String, arguments: JSONValue, to metadata: Metadata, model: Model? = nil
    ) throws(HasuraError) -> Metadata {
        switch operation {
        case "create_action", "drop_action", "update_action", "create_action_permission", "drop_action_permission",
            "set_custom_types":
            return try applyActionCall(operation, arguments: arguments, to: metadata)
        case "add_remote_schema", "remove_remote_schema", "update_remote_schema":
            return try applyRemoteSchemaCall(operation, arguments: arguments, to: metadata)
        case "create_event_trigger", "delete_event_trigger":
            return try applyEventTriggerCall(operation, arguments: arguments, to: metadata, model: model)
        default:
            break
        }
        let reader = Arguments(value: arguments)
        var metadata = metadata
        let sourceIndex = try reader.sourceIndex(in: metadata)
        let source = metadata.sources[sourceIndex]
        let table = try reader.table(defaultSchema: source.defaultSchema)
        let tableIndex = source.tables.firstIndex { $0.table == table }
        func tracked() throws(HasuraError) -> Int {
            guard let tableIndex else {
                throw HasuraError(.notExists, "table \"\(table.name)\" is not tracked", path: "$.args.table")
            }
            return tableIndex
        }
        switch operation {
        case "track_table":
            guard tableIndex == nil else {
                throw HasuraError(.alreadyExists, "view/table already tracked: \"\(table.name)\"", path: "$.args")
            }
            var raw: [(String, JSONValue)] = [("table", table.exportJSON(defaultSchema: source.defaultSchema))]
            var configuration = TableConfiguration()
            if let written = arguments["configuration"] {
                raw.append(("configuration", written))
                do {
                    configuration = try TableConfiguration(
                        reading: JSONReader(value: written, file: "args", path: "$.args.configuration"))
                } catch {
                    throw HasuraError(.parseFailed, "\(error)", path: "$.args.configuration")
                }
            }
            metadata.sources[sourceIndex].tables.append(
                TableMetadata(table: table, configuration: configuration, raw: .fields(raw)))
        case "untrack_table":
            let index = try tracked()
            let cascade = arguments["cascade"] == .bool(true)
            var dependents = dependentRelationships(on: table, in: metadata.sources[sourceIndex])
            for resolved in model?.source(named: source.name)?.tables ?? [] where resolved.key.name != table {
                for relationship in resolved.relationships where relationship.target.name == table {
                    if !dependents.contains(where: { $0.table == resolved.key.name && $0.name == relationship.name }) {
                        dependents.append((resolved.key.name, relationship.name))
                    }
                }
            }
            if !dependents.isEmpty && !cascade {
                throw HasuraError(
                    .dependencyError,
                    "cannot drop due to the following dependent objects: "
                        + dependents.map { "relationship \($0.table.name).\($0.name)" }.joined(separator: ", "),
                    path: "$.args")
            }
            metadata.sources[sourceIndex].tables.remove(at: index)
            for dependent in dependents {
                guard
                    let owner = metadata.sources[sourceIndex].tables.firstIndex(where: { $0.table == dependent.table })
                else { continue }
                metadata.sources[sourceIndex].tables[owner].objectRelationships.removeAll { $0.name == dependent.name }
                metadata.sources[sourceIndex].tables[owner].arrayRelationships.removeAll { $0.name == dependent.name }
            }
        case "create_object_relationship", "create_array_relationship":
            let index = try tracked()
            let name = try reader.string("name")
            let entry = metadata.sources[sourceIndex].tables[index]
            if (entry.objectRelationships + entry.arrayRelationships).contains(where: { $0.name == name }) {
                throw HasuraError(
                    .alreadyExists, "field with name \"\(name)\" already exists in table \"\(table.name)\"",
                    path: "$.args.name")
            }
            let relationship: RelationshipMetadata
            do {
                relationship = try RelationshipMetadata(
                    reading: JSONReader(value: arguments, file: "args", path: "$.args"),
                    defaultSchema: source.defaultSchema)
            } catch {
                throw HasuraError(.parseFailed, "\(error)", path: "$.args.using")
            }
            if operation == "create_object_relationship" {
                metadata.sources[sourceIndex].tables[index].objectRelationships.append(relationship)
            } else {
                metadata.sources[sourceIndex].tables[index].arrayRelationships.append(relationship)
            }
        case "drop_relationship", "rename_relationship":
            let index = try tracked()
            let name = try reader.string(operation == "drop_relationship" ? "relationship" : "name")
            var entry = metadata.sources[sourceIndex].tables[index]
            let exists = (entry.objectRelationships + entry.arrayRelationships).contains { $0.name == name }
            guard exists else {
                throw HasuraError(
                    .notExists, "relationship \"\(name)\" does not exist in table \"\(table.name)\"", path: "$.args")
            }
            if operation == "drop_relationship" {
                entry.objectRelationships.removeAll { $0.name == name }
                entry.arrayRelationships.removeAll { $0.name == name }
            } else {
                let newName = try reader.string("new_name")
                if (entry.objectRelationships + entry.arrayRelationships).contains(where: { $0.name == newName }) {
                    throw HasuraError(
                        .alreadyExists, "field with name \"\(newName)\" already exists in table \"\(table.name)\"",
                        path: "$.args.new_name")
                }
                for position in entry.objectRelationships.indices where entry.objectRelationships[position].name == name
                {
                    entry.objectRelationships[position].name = newName
                }
                for position in entry.arrayRelationships.indices where entry.arrayRelationships[position].name == name {
                    entry.arrayRelationships[position].name = newName
                }
            }
            metadata.sources[sourceIndex].tables[index] = entry
        default:
            let index = try tracked()
            let isCreate = operation.hasPrefix("create_")
            let kind = operation.replacingOccurrences(of: isCreate ? "create_" : "drop_", with: "")
            let permissionKind = String(kind.dropLast("_permission".count))
            let role = try reader.string("role")
            var permissions = metadata.sources[sourceIndex].tables[index].permissionEntries(permissionKind)
            let existing = permissions.firstIndex { $0["role"] == .string(role) }
            if isCreate {
                guard existing == nil else {
                    throw HasuraError(
                        .alreadyExists,
                        "\(kind.replacingOccurrences(of: "_", with: " ")) already defined on table \"\(table.name)\" with role \"\(role)\"",
                        path: "$.args")
                }
                var entry: [(String, JSONValue)] = [
                    ("role", .string(role)), ("permission", arguments["permission"] ?? .emptyObject),
                ]
                if let comment = arguments["comment"] { entry.append(("comment", comment)) }
                permissions.append(.fields(entry))
            } else {
                guard let existing else {
                    throw HasuraError(
                        .notExists,
                        "\(kind.replacingOccurrences(of: "_", with: " ")) on \"\(table.name)\" for role \"\(role)\" does not exist",
                        path: "$.args")
                }
                permissions.remove(at: existing)
            }
            metadata.sources[sourceIndex].tables[index].setPermissionEntries(permissionKind, permissions)
        }
        return metadata
    }

    /// Relationships of other tables whose target is `table`.
    static func dependentRelationships(on table: QualifiedTableName, in source: SourceMetadata) -> [(
        table: QualifiedTableName, name: String
    )] {
        var found: [(table: QualifiedTableName, name: String)] = []
        for entry in source.tables where entry.table != table {
            for relationship in entry.objectRelationships + entry.arrayRelationships {
                let target: QualifiedTableName?
                switch relationship.using {
                case .localForeignKey: target = nil
                case .remoteForeignKey(let remote, _): target = remote
                case .manual(let remote, _): target = remote
                }
                if target == table { found.append((entry.table, relationship.name)) }
            }
        }
        return found
    }

    /// Reads call arguments with Hasura's error paths.
    struct Arguments {
        let value: JSONValue

        func string(_ key: String) throws(HasuraError) -> String {
            guard let text = value[key]?.stringValue else {
                throw HasuraError(.parseFailed, "key \"\(key)\" not found", path: "$.args")
            }
            return text
        }

        func optionalString(_ key: String) throws(HasuraError) -> String? {
            guard let field = value[key], !field.isNull else { return nil }
            guard let text = field.stringValue else {
                throw HasuraError(.parseFailed, "expected a string", path: "$.args.\(key)")
            }
            return text
        }

        /// The index of the `source` argument's source (`default` when absent).
        func sourceIndex(in metadata: Metadata) throws(HasuraError) -> Int {
            let sourceName = try optionalString("source") ?? "default"
            guard let index = metadata.sources.firstIndex(where: { $0.name == sourceName }) else {
                throw HasuraError(
                    .notExists, "source with name \"\(sourceName)\" does not exist", path: "$.args.source")
            }
            return index
        }

        func table(defaultSchema: String) throws(HasuraError) -> QualifiedTableName {
            guard let table = value["table"] else {
                throw HasuraError(.parseFailed, "key \"table\" not found", path: "$.args")
            }
            do {
                return try QualifiedTableName(
                    reading: JSONReader(value: table, file: "args", path: "$.args.table"), defaultSchema: defaultSchema)
            } catch {
                throw HasuraError(.parseFailed, "\(error)", path: "$.args.table")
            }
        }
    }
}
