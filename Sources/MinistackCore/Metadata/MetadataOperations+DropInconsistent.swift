/// `drop_inconsistent_metadata` as a pure edit.
extension MetadataOperations {
    /// `metadata` without what the inconsistencies name.
    public static func droppingInconsistencies(_ inconsistencies: [Inconsistency], from metadata: Metadata) -> Metadata
    {
        var metadata = metadata
        for inconsistency in inconsistencies {
            switch inconsistency.subject {
            case .source(let name)?:
                metadata.sources.removeAll { $0.name == name }
            case .table(let source, let table)?:
                guard let index = metadata.sources.firstIndex(where: { $0.name == source }) else { continue }
                metadata.sources[index].tables.removeAll { $0.table == table }
            case .relationship(let source, let table, let name)?:
                guard let index = metadata.sources.firstIndex(where: { $0.name == source }),
                    let owner = metadata.sources[index].tables.firstIndex(where: { $0.table == table })
                else { continue }
                metadata.sources[index].tables[owner].objectRelationships.removeAll { $0.name == name }
                metadata.sources[index].tables[owner].arrayRelationships.removeAll { $0.name == name }
            case .eventTrigger(let source, let table, let name)?:
                guard let index = metadata.sources.firstIndex(where: { $0.name == source }),
                    let owner = metadata.sources[index].tables.firstIndex(where: { $0.table == table })
                else { continue }
                metadata.sources[index].tables[owner].eventTriggers.removeAll { $0.name == name }
            case .permission(let source, let table, let role, let kind)?:
                guard let index = metadata.sources.firstIndex(where: { $0.name == source }),
                    let owner = metadata.sources[index].tables.firstIndex(where: { $0.table == table })
                else { continue }
                metadata.sources[index].tables[owner].removePermission(kind, role: role)
            case .action(let name)?:
                metadata.actions.removeAll { $0.name == name }
            case .customTypes?:
                metadata.customTypes = CustomTypes()
            case .remoteSchema(let name)?:
                metadata.remoteSchemas.removeAll { $0.name == name }
            case nil:
                continue
            }
        }
        return metadata
    }
}
