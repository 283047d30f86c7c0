import OrderedCollections

/// Stage 4: each table's permissions, with columns checked and filters resolved to predicates.
extension ModelResolver {
    static let permissionKinds = ["select", "insert", "update", "delete"]

    static func resolvePermissions(
        of table: ResolvedTable, metadata: TableMetadata, tracked: [QualifiedTableName: ResolvedTable],
        source: SourceMetadata, inconsistencies: inout [Inconsistency]
    ) -> TablePermissions {
        let filters = PermissionFilterResolver(tables: tracked, defaultSchema: source.defaultSchema)
        var permissions = TablePermissions()
        for kind in permissionKinds {
            for entry in metadata.permissionEntries(kind) {
                guard let role = entry["role"]?.stringValue else { continue }
                let permission = entry["permission"] ?? .emptyObject
                do throws(PermissionFailure) {
                    switch kind {
                    case "select":
                        permissions.select[role] = try selectPermission(permission, table: table, filters: filters)
                    case "insert":
                        permissions.insert[role] = try insertPermission(permission, table: table, filters: filters)
                    case "update":
                        permissions.update[role] = try updatePermission(permission, table: table, filters: filters)
                    default:
                        permissions.delete[role] = DeletePermission(
                            filter: try resolve(permission["filter"], table: table, filters: filters),
                            backendOnly: permission["backend_only"] == .bool(true))
                    }
                } catch {
                    inconsistencies.append(
                        Inconsistency(
                            type: "\(kind)_permission", name: "permission \(table.key.name).\(role).\(kind)",
                            reason: "in table \"\(table.key.name)\": \(error.reason)",
                            definition: .fields([
                                ("role", .string(role)), ("table", .string(table.key.name.description)),
                                ("permission", permission),
                            ]),
                            subject: .permission(source: source.name, table: table.key.name, role: role, kind: kind)))
                }
            }
        }
        return permissions
    }

    struct PermissionFailure: Error {
        let reason: String
    }

    static func selectPermission(
        _ permission: JSONValue, table: ResolvedTable, filters: PermissionFilterResolver
    ) throws(PermissionFailure) -> SelectPermission {
        SelectPermission(
            columns: try columns(permission["columns"], table: table),
            filter: try resolve(permission["filter"], table: table, filters: filters),
            limit: permission["limit"]?.intValue,
            allowAggregations: permission["allow_aggregations"] == .bool(true),
            queryRootFields: permission["query_root_fields"]?.arrayValue.map { Set($0.compactMap(\.stringValue)) },
            subscriptionRootFields: permission["subscription_root_fields"]?.arrayValue.map {
                Set($0.compactMap(\.stringValue))
            })
    }

    static func insertPermission(
        _ permission: JSONValue, table: ResolvedTable, filters: PermissionFilterResolver
    ) throws(PermissionFailure) -> InsertPermission {
        InsertPermission(
            columns: try columns(permission["columns"], table: table),
            check: try resolve(permission["check"], table: table, filters: filters),
            presets: try presets(permission["set"], table: table),
            backendOnly: permission["backend_only"] == .bool(true))
    }

    static func updatePermission(
        _ permission: JSONValue, table: ResolvedTable, filters: PermissionFilterResolver
    ) throws(PermissionFailure) -> UpdatePermission {
        let check = permission["check"].flatMap { $0.isNull ? nil : $0 }
        return UpdatePermission(
            columns: try columns(permission["columns"], table: table),
            filter: try resolve(permission["filter"], table: table, filters: filters),
            check: try check.map { (written) throws(PermissionFailure) in
                try resolve(written, table: table, filters: filters)
            },
            presets: try presets(permission["set"], table: table),
            backendOnly: permission["backend_only"] == .bool(true))
    }

    static func resolve(_ expression: JSONValue?, table: ResolvedTable, filters: PermissionFilterResolver)
        throws(PermissionFailure) -> BoolExpIR
    {
        do {
            return try filters.resolvePermission(expression, on: table)
        } catch {
            throw PermissionFailure(reason: error.reason)
        }
    }

    /// `"*"` or a list of column names, each of which must exist.
    static func columns(_ value: JSONValue?, table: ResolvedTable) throws(PermissionFailure) -> Set<String> {
        guard let value, !value.isNull else { return [] }
        if value == .string("*") { return Set(table.columns.map(\.name)) }
        guard case .array(let items) = value else {
            throw PermissionFailure(reason: "columns must be \"*\" or a list of column names")
        }
        var names: Set<String> = []
        for item in items {
            guard let name = item.stringValue, table.column(named: name) != nil else {
                throw PermissionFailure(reason: "column \(item.serialized) does not exist")
            }
            names.insert(name)
        }
        return names
    }

    /// `set: {column: value | "X-Hasura-…"}`.
    static func presets(_ value: JSONValue?, table: ResolvedTable) throws(PermissionFailure) -> [ColumnPreset] {
        guard let value, !value.isNull else { return [] }
        guard case .object(let fields) = value else { throw PermissionFailure(reason: "set must be an object") }
        var presets: [ColumnPreset] = []
        for (name, written) in fields {
            guard let column = table.column(named: name) else {
                throw PermissionFailure(reason: "column \"\(name)\" in set does not exist")
            }
            let source: ParameterSource =
                PermissionFilterResolver.sessionVariableName(written).map { .session($0) } ?? .literal(written)
            presets.append(
                ColumnPreset(
                    column: column,
                    value: SQLParameter(source: source, scalar: column.scalar, databaseType: column.databaseType)))
        }
        return presets
    }
}
