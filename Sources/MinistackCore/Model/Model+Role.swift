/// The part of a model one role may use; its schema and plans are built from this view.
extension Model {
    /// How an inherited role is made: its parent roles (`inherited_roles` in metadata).
    public typealias InheritedRoles = [String: [String]]

    /// The model as `role` sees it: tables it has no permission on are gone, and each table's
    /// `access` holds the role's permissions (the admin role sees everything, unrestricted).
    ///
    /// - Parameter backendOnly: whether the request may use `backend_only` insert, update and
    ///   delete permissions (admin secret plus `x-hasura-use-backend-only-permissions: true`).
    public func view(for role: String, inheritedRoles: InheritedRoles = [:], backendOnly: Bool = false) -> Model {
        guard role != Session.adminRole else { return self }
        var viewed: [ResolvedSource] = []
        for source in sources {
            var tables: [ResolvedTable] = []
            for table in source.tables {
                var access = TableAccess.combining(
                    roles: inheritedRoles[role] ?? [role], of: table.permissions)
                if access.insert?.backendOnly == true && !backendOnly { access.insert = nil }
                if access.update?.backendOnly == true && !backendOnly { access.update = nil }
                if access.delete?.backendOnly == true && !backendOnly { access.delete = nil }
                // Updates and deletes filter with the table's bool_exp, which needs read access.
                if access.select?.columns.isEmpty == true { access.select = nil }
                if access.select == nil {
                    access.update = nil
                    access.delete = nil
                }
                guard !access.isEmpty else { continue }
                var restricted = table
                restricted.access = access
                tables.append(restricted)
            }
            // An object relationship is non-null only when the role reads every target row.
            let readable = Dictionary(
                tables.map { ($0.key, $0.access.select?.filter.isAlwaysTrue ?? false) },
                uniquingKeysWith: { first, _ in first })
            for index in tables.indices {
                for position in tables[index].relationships.indices
                where readable[tables[index].relationships[position].target] != true {
                    tables[index].relationships[position].isNullable = true
                }
            }
            viewed.append(ResolvedSource(name: source.name, kind: source.kind, tables: tables))
        }
        return Model(
            sources: viewed, inconsistencies: inconsistencies,
            remoteSchemas: remoteSchemas.filter { !$0.roles.isDisjoint(with: [role] + (inheritedRoles[role] ?? [])) },
            actions: actions.view(for: role, roles: [role] + (inheritedRoles[role] ?? [])))
    }
}

extension TableAccess {
    /// One role's permissions, or for an inherited role the union of its parents' as Hasura
    /// defines it: rows any parent may read (filters joined with OR), the columns of every
    /// parent, the largest limit, aggregations if any parent allows them. Insert, update and
    /// delete are inherited only when exactly one parent has them (Hasura reports conflicts).
    static func combining(roles: [String], of permissions: TablePermissions) -> TableAccess {
        if roles.count == 1 {
            let role = roles[0]
            return TableAccess(
                select: permissions.select[role], insert: permissions.insert[role], update: permissions.update[role],
                delete: permissions.delete[role])
        }
        let selects = roles.compactMap { permissions.select[$0] }
        var select: SelectPermission?
        if !selects.isEmpty {
            let limits = selects.map(\.limit)
            select = SelectPermission(
                columns: selects.reduce(into: Set<String>()) { $0.formUnion($1.columns) },
                filter: selects.contains { $0.filter.isAlwaysTrue } ? .and([]) : .or(selects.map(\.filter)),
                limit: limits.contains { $0 == nil } ? nil : limits.compactMap { $0 }.max(),
                allowAggregations: selects.contains { $0.allowAggregations },
                queryRootFields: selects.contains { $0.queryRootFields == nil }
                    ? nil : selects.reduce(into: Set<String>()) { $0.formUnion($1.queryRootFields ?? []) },
                subscriptionRootFields: selects.contains { $0.subscriptionRootFields == nil }
                    ? nil : selects.reduce(into: Set<String>()) { $0.formUnion($1.subscriptionRootFields ?? []) })
            let columns = select!.columns
            select?.columnFilters = Dictionary(
                uniqueKeysWithValues: columns.compactMap { column in
                    let granting = selects.filter { $0.columns.contains(column) }
                    guard granting.count < selects.count, !granting.contains(where: { $0.filter.isAlwaysTrue }) else {
                        return nil
                    }
                    return (column, granting.count == 1 ? granting[0].filter : .or(granting.map(\.filter)))
                })
        }
        func single<Permission>(_ byRole: [String: Permission]) -> Permission? {
            let found = roles.compactMap { byRole[$0] }
            return found.count == 1 ? found[0] : nil
        }
        return TableAccess(
            select: select, insert: single(permissions.insert), update: single(permissions.update),
            delete: single(permissions.delete))
    }
}
