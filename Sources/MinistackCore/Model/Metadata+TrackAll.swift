extension SourceMetadata {
    /// Metadata that tracks every table of `catalog` with relationships inferred from foreign
    /// keys, named as Hasura's console suggests: an object relationship after the referenced
    /// table, an array relationship after the referencing table in plural. A name already
    /// taken (by a column or an earlier relationship) becomes `<name>_by_<columns>`, then gets
    /// a numeric suffix. Tables and keys are visited in sorted order, so names are stable.
    public static func trackingAllTables(
        name: String, kind: DatabaseKind, databaseURL: ConfigurationValue?, catalog: Catalog
    ) -> SourceMetadata {
        let tables = catalog.sortedTables
        var taken: [QualifiedTableName: Set<String>] = [:]
        var objectRelationships: [QualifiedTableName: [RelationshipMetadata]] = [:]
        var arrayRelationships: [QualifiedTableName: [RelationshipMetadata]] = [:]
        for table in tables { taken[table.name] = Set(table.columns.map(\.name)) }

        func claim(_ base: String, on table: QualifiedTableName, columns: [String]) -> String {
            var names = taken[table] ?? []
            defer { taken[table] = names }
            if names.insert(base).inserted { return base }
            let qualified = base + "_by_" + columns.joined(separator: "_")
            if names.insert(qualified).inserted { return qualified }
            var counter = 2
            while !names.insert(qualified + "_\(counter)").inserted { counter += 1 }
            return qualified + "_\(counter)"
        }

        for table in tables {
            for foreignKey in table.foreignKeys.sorted(by: { $0.columns.lexicographicallyPrecedes($1.columns) })
            where catalog[foreignKey.referencedTable] != nil {
                let objectName = claim(foreignKey.referencedTable.name, on: table.name, columns: foreignKey.columns)
                objectRelationships[table.name, default: []].append(
                    RelationshipMetadata(
                        name: objectName, using: .localForeignKey(columns: foreignKey.columns)))
                let arrayName = claim(
                    HasuraNames.arrayRelationshipName(forTable: table.name.name), on: foreignKey.referencedTable,
                    columns: foreignKey.columns)
                arrayRelationships[foreignKey.referencedTable, default: []].append(
                    RelationshipMetadata(
                        name: arrayName, using: .remoteForeignKey(table: table.name, columns: foreignKey.columns)))
            }
        }
        let defaultSchema = kind == .postgres ? "public" : "main"
        let tableMetadata = tables.map { table in
            TableMetadata(
                table: table.name, objectRelationships: objectRelationships[table.name] ?? [],
                arrayRelationships: arrayRelationships[table.name] ?? [],
                raw: .fields(
                    table.name.schema == defaultSchema && kind == .sqlite
                        ? [("table", .fields([("name", .string(table.name.name))]))]
                        : [
                            (
                                "table",
                                .fields([("name", .string(table.name.name)), ("schema", .string(table.name.schema))])
                            )
                        ]))
        }
        return SourceMetadata(name: name, kind: kind, databaseURL: databaseURL, tables: tableMetadata)
    }
}
