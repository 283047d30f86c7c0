/// Resolves metadata against the database catalogs in ordered stages; each stage keeps
/// what resolved and records what did not as an `Inconsistency`. Never throws.
public enum ModelResolver {
    /// - Parameters:
    ///   - catalogs: the introspected catalog of each source that could be reached, by source name.
    ///   - unreachableSources: source name → why it could not be reached.
    ///   - environment: the server's environment, for `{{ENV}}` templates and `*_from_env` settings.
    ///   - remoteIntrospections: each remote schema's introspection answer, by name (nil: remotes
    ///     were not contacted, so none is served).
    public static func resolve(
        metadata: Metadata, catalogs: [String: Catalog], unreachableSources: [String: String] = [:],
        environment: [String: String] = [:],
        remoteIntrospections: [String: Result<JSONValue, RemoteIntrospectionFailure>]? = nil
    ) -> Model {
        var inconsistencies: [Inconsistency] = []
        var sources: [ResolvedSource] = []
        var rootFieldOwners: [String: String] = [:]
        for source in metadata.sources {
            guard let catalog = catalogs[source.name] else {
                let reason = unreachableSources[source.name] ?? "the database could not be reached"
                inconsistencies.append(
                    Inconsistency(
                        type: "source", name: source.name, reason: reason, definition: .string(source.name),
                        subject: .source(source.name))
                )
                continue
            }
            var tables = resolveTables(source: source, catalog: catalog, inconsistencies: &inconsistencies)
            tables = claimRootFields(tables, owners: &rootFieldOwners, inconsistencies: &inconsistencies)
            let tracked = Dictionary(tables.map { ($0.key.name, $0) }, uniquingKeysWith: { first, _ in first })
            for index in tables.indices {
                let metadataTable = source.tables.first { $0.table == tables[index].key.name }!
                tables[index].relationships = resolveRelationships(
                    of: tables[index], metadata: metadataTable, tracked: tracked, source: source,
                    inconsistencies: &inconsistencies)
            }
            let related = Dictionary(tables.map { ($0.key.name, $0) }, uniquingKeysWith: { first, _ in first })
            for index in tables.indices {
                let metadataTable = source.tables.first { $0.table == tables[index].key.name }!
                tables[index].permissions = resolvePermissions(
                    of: tables[index], metadata: metadataTable, tracked: related, source: source,
                    inconsistencies: &inconsistencies)
            }
            checkEventTriggers(
                of: source, resolved: tables, environment: environment, inconsistencies: &inconsistencies)
            sources.append(ResolvedSource(name: source.name, kind: source.kind, tables: tables))
        }
        let databaseScalars = Set(
            catalogs.values.flatMap { $0.tables.values.flatMap { $0.columns.map(\.scalar.name) } })
        checkActions(
            metadata.actions, customTypes: metadata.customTypes, databaseScalars: databaseScalars,
            environment: environment, inconsistencies: &inconsistencies)
        let remoteSchemas = resolveRemoteSchemas(
            metadata.remoteSchemas, environment: environment, introspections: remoteIntrospections,
            inconsistencies: &inconsistencies)
        let actions = resolveActions(
            metadata.actions, customTypes: metadata.customTypes, sources: sources, inconsistencies: &inconsistencies)
        return Model(
            sources: sources, inconsistencies: inconsistencies, remoteSchemas: remoteSchemas, actions: actions
        ).acceptingRemoteSchemas()
    }

    /// Stage 1: tables that exist, with their columns and GraphQL names.
    static func resolveTables(source: SourceMetadata, catalog: Catalog, inconsistencies: inout [Inconsistency])
        -> [ResolvedTable]
    {
        var seen: Set<QualifiedTableName> = []
        var tables: [ResolvedTable] = []
        for table in source.tables {
            let label = "\(table.table) in source \(source.name)"
            guard seen.insert(table.table).inserted else {
                inconsistencies.append(
                    Inconsistency(
                        type: "table", name: label, reason: "the table is tracked more than once",
                        definition: table.raw,
                        subject: .table(source: source.name, table.table)))
                continue
            }
            guard let catalogTable = catalog[table.table] else {
                inconsistencies.append(
                    Inconsistency(
                        type: "table", name: label,
                        reason: "Inconsistent object: no such table/view exists in source: \"\(table.table.name)\"",
                        definition: table.raw, subject: .table(source: source.name, table.table)))
                continue
            }
            let names = TableNames(
                table: table.table, configuration: table.configuration, defaultSchema: source.defaultSchema)
            guard GraphQLName.isValid(names.base) else {
                inconsistencies.append(
                    Inconsistency(
                        type: "table", name: label,
                        reason: "\"\(names.base)\" is not a valid GraphQL name; set configuration.custom_name",
                        definition: table.raw, subject: .table(source: source.name, table.table)))
                continue
            }
            var columns: [ResolvedColumn] = []
            for column in catalogTable.columns {
                let fieldName = table.configuration.customColumnNames[column.name] ?? column.name
                guard GraphQLName.isValid(fieldName) else {
                    inconsistencies.append(
                        Inconsistency(
                            type: "table", name: label,
                            reason:
                                "column \"\(column.name)\" is not a valid GraphQL name and is left out; set column_config.custom_name",
                            definition: table.raw))
                    continue
                }
                columns.append(
                    ResolvedColumn(
                        name: column.name, fieldName: fieldName, scalar: column.scalar,
                        databaseType: column.databaseType, isNullable: column.isNullable))
            }
            let primaryKey = catalogTable.primaryKey.compactMap { name in columns.first { $0.name == name } }
            tables.append(
                ResolvedTable(
                    key: TableKey(source: source.name, name: table.table), names: names, columns: columns,
                    primaryKey: primaryKey.count == catalogTable.primaryKey.count ? primaryKey : [],
                    relationships: [], catalog: catalogTable))
        }
        return tables
    }

    /// Stage 2: root field names must be unique across all tables (and later, actions and remotes).
    static func claimRootFields(
        _ tables: [ResolvedTable], owners: inout [String: String], inconsistencies: inout [Inconsistency]
    ) -> [ResolvedTable] {
        tables.filter { table in
            let fields = [table.names.select, table.names.selectByPK, table.names.selectAggregate]
            if let clash = fields.first(where: { owners[$0] != nil }) {
                inconsistencies.append(
                    Inconsistency(
                        type: "table", name: "table \(table.key)",
                        reason: "root field \"\(clash)\" of table \(table.key) conflicts with \(owners[clash]!)",
                        definition: .string(table.key.name.description),
                        subject: .table(source: table.key.source, table.key.name)))
                return false
            }
            for field in fields { owners[field] = "table \(table.key)" }
            return true
        }
    }

    /// Stage 3: relationships whose columns, keys and target table exist.
    static func resolveRelationships(
        of table: ResolvedTable, metadata: TableMetadata, tracked: [QualifiedTableName: ResolvedTable],
        source: SourceMetadata, inconsistencies: inout [Inconsistency]
    ) -> [ResolvedRelationship] {
        var taken = Set(table.columns.map(\.fieldName))
        var resolved: [ResolvedRelationship] = []
        let declared =
            metadata.objectRelationships.map { ($0, ResolvedRelationship.Kind.object) }
            + metadata.arrayRelationships.map { ($0, ResolvedRelationship.Kind.array) }
        for (relationship, kind) in declared {
            func fail(_ reason: String) {
                inconsistencies.append(
                    Inconsistency(
                        type: kind == .object ? "object_relation" : "array_relation",
                        name: "relationship \(relationship.name) in table \(table.key.name)",
                        reason: reason,
                        definition: .fields([
                            ("name", .string(relationship.name)), ("table", .string(table.key.name.description)),
                        ]),
                        subject: .relationship(source: table.key.source, table: table.key.name, name: relationship.name)
                    ))
            }
            guard GraphQLName.isValid(relationship.name) else {
                fail("\"\(relationship.name)\" is not a valid GraphQL name"); continue
            }
            guard !taken.contains(relationship.name) else {
                fail(
                    "relationship \"\(relationship.name)\" conflicts with an existing field of \(table.names.objectType)"
                )
                continue
            }
            switch join(relationship.using, of: table, tracked: tracked) {
            case .failure(let reason):
                fail(reason.message)
            case .success(let (target, mapping, allLocalNotNull)):
                taken.insert(relationship.name)
                resolved.append(
                    ResolvedRelationship(
                        name: relationship.name, kind: kind, target: target.key, mapping: mapping,
                        isNullable: kind == .array || !allLocalNotNull))
            }
        }
        return resolved
    }

    struct JoinFailure: Error {
        let message: String
    }

    /// The target table and column mapping of a relationship, and whether its local columns are all NOT NULL
    /// (which makes an object relationship through a local foreign key non-nullable).
    static func join(
        _ using: RelationshipUsing, of table: ResolvedTable, tracked: [QualifiedTableName: ResolvedTable]
    ) -> Result<(ResolvedTable, [ColumnPair], Bool), JoinFailure> {
        switch using {
        case .localForeignKey(let columns):
            guard let foreignKey = table.catalog.foreignKeys.first(where: { Set($0.columns) == Set(columns) }) else {
                return .failure(
                    JoinFailure(
                        message:
                            "no foreign constraint exists on the given column(s) \(columns.joined(separator: ", ")) of \(table.key.name)"
                    ))
            }
            guard let target = tracked[foreignKey.referencedTable] else {
                return .failure(JoinFailure(message: "table \(foreignKey.referencedTable) is not tracked"))
            }
            let mapping = foreignKey.columnMapping.map { ColumnPair(local: $0.0, remote: $0.1) }
            let notNull = foreignKey.columns.allSatisfy { name in
                table.catalog.column(named: name).map { !$0.isNullable } ?? false
            }
            return .success((target, mapping, notNull))
        case .remoteForeignKey(let targetName, let columns):
            guard let target = tracked[targetName] else {
                return .failure(JoinFailure(message: "table \(targetName) is not tracked"))
            }
            guard
                let foreignKey = target.catalog.foreignKeys.first(where: {
                    Set($0.columns) == Set(columns) && $0.referencedTable == table.key.name
                })
            else {
                return .failure(
                    JoinFailure(
                        message:
                            "no foreign constraint exists on \(targetName) column(s) \(columns.joined(separator: ", ")) referencing \(table.key.name)"
                    ))
            }
            let mapping = foreignKey.columnMapping.map { ColumnPair(local: $0.1, remote: $0.0) }
            return .success((target, mapping, false))
        case .manual(let targetName, let mapping):
            guard let target = tracked[targetName] else {
                return .failure(JoinFailure(message: "table \(targetName) is not tracked"))
            }
            guard !mapping.isEmpty else { return .failure(JoinFailure(message: "column_mapping is empty")) }
            for pair in mapping {
                guard table.column(named: pair.local) != nil else {
                    return .failure(
                        JoinFailure(message: "column \"\(pair.local)\" does not exist in table \(table.key.name)"))
                }
                guard target.column(named: pair.remote) != nil else {
                    return .failure(
                        JoinFailure(message: "column \"\(pair.remote)\" does not exist in table \(targetName)"))
                }
            }
            return .success((target, mapping, false))
        }
    }
}
