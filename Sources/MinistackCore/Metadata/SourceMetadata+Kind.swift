extension SourceMetadata {
    /// The same source on another kind of database: tables written without a schema (in the
    /// old kind's default schema) move to the new kind's default schema, so a metadata folder
    /// written for SQLite serves the same tables from Postgres' `public` and back.
    public func switching(to newKind: DatabaseKind) -> SourceMetadata {
        guard newKind != kind else { return self }
        let oldSchema = defaultSchema
        var copy = self
        copy.kind = newKind
        let newSchema = copy.defaultSchema
        func move(_ name: QualifiedTableName) -> QualifiedTableName {
            name.schema == oldSchema ? QualifiedTableName(schema: newSchema, name: name.name) : name
        }
        func move(_ relationship: RelationshipMetadata) -> RelationshipMetadata {
            var moved = relationship
            switch relationship.using {
            case .localForeignKey: break
            case .remoteForeignKey(let table, let columns):
                moved.using = .remoteForeignKey(table: move(table), columns: columns)
            case .manual(let table, let mapping):
                moved.using = .manual(remoteTable: move(table), columnMapping: mapping)
            }
            return moved
        }
        copy.tables = tables.map { table in
            var moved = table
            moved.table = move(table.table)
            moved.objectRelationships = table.objectRelationships.map(move)
            moved.arrayRelationships = table.arrayRelationships.map(move)
            return moved
        }
        return copy
    }
}
