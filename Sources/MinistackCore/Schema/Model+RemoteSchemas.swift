/// Remote schemas are merged only when none of their type names or root fields is taken by
/// the tables, the actions or an earlier remote; a clashing remote is an inconsistency naming
/// both sides and is left out, and the rest of the API is served.
extension Model {
    func acceptingRemoteSchemas() -> Model {
        guard remoteSchemas.contains(where: { $0.schema != nil }) else { return self }
        var base = self
        base.remoteSchemas = []
        var builder = SchemaBuilder(model: base)
        builder.buildQueryRoot()
        builder.buildMutationRoot()

        var typeOwners: [String: String] = [:]
        for name in builder.document.definitions.keys { typeOwners[name] = owner(ofType: name) }
        var fieldOwners: [FieldCoordinate: String] = [:]
        for (coordinate, meaning) in builder.meanings.fields
        where coordinate.typeName == HasuraNames.queryRoot || coordinate.typeName == HasuraNames.mutationRoot {
            fieldOwners[coordinate] = owner(of: meaning)
        }

        var accepted = self
        accepted.remoteSchemas = []
        for remote in remoteSchemas {
            guard let schema = remote.schema else {
                accepted.remoteSchemas.append(remote)
                continue
            }
            var clash: String?
            for name in schema.customizedTypeNames {
                guard let owner = typeOwners[name] else { continue }
                // Scalars of one name are shared (uuid, timestamptz…).
                if case .scalar? = builder.document.definitions[name], schema.type(customized: name)?.kind == .scalar {
                    continue
                }
                clash = "type \"\(name)\" of remote schema \(remote.name) conflicts with \(owner)"
                break
            }
            for operation in [RemoteOperation.query, .mutation] where clash == nil {
                let root = operation == .query ? HasuraNames.queryRoot : HasuraNames.mutationRoot
                if let name = schema.rootFieldNames(operation).first(where: {
                    fieldOwners[FieldCoordinate(root, $0)] != nil
                }) {
                    clash =
                        "root field \"\(name)\" of remote schema \(remote.name) conflicts with \(fieldOwners[FieldCoordinate(root, name)]!)"
                }
            }
            if let clash {
                accepted.inconsistencies.append(
                    Inconsistency(
                        type: "remote_schema", name: "remote_schema \(remote.name)", reason: clash,
                        definition: .string(remote.name), subject: .remoteSchema(remote.name)))
                continue
            }
            for name in schema.customizedTypeNames where typeOwners[name] == nil {
                typeOwners[name] = "remote schema \(remote.name)"
            }
            for operation in [RemoteOperation.query, .mutation] {
                let root = operation == .query ? HasuraNames.queryRoot : HasuraNames.mutationRoot
                for name in schema.rootFieldNames(operation) {
                    fieldOwners[FieldCoordinate(root, name)] = "remote schema \(remote.name)"
                }
            }
            accepted.remoteSchemas.append(remote)
        }
        return accepted
    }

    /// Who generated a type name: a table, the actions' custom types, or the schema itself.
    func owner(ofType name: String) -> String {
        if actions.customTypes.allNames.contains(name) { return "the actions' custom types" }
        if let action = actions.actions.first(where: { $0.name == name }) { return "action \(action.name)" }
        for table in allTables where name == table.names.objectType || name.hasPrefix(table.names.objectType + "_") {
            return "table \(table.key)"
        }
        return "the generated type \"\(name)\""
    }

    func owner(of meaning: FieldMeaning) -> String {
        switch meaning {
        case .selectMany(let key), .selectByPK(let key), .selectAggregate(let key), .insert(let key),
            .insertOne(let key), .update(let key), .updateByPK(let key), .updateMany(let key), .delete(let key),
            .deleteByPK(let key):
            "table \(key)"
        case .action(let name), .asyncActionResult(let name): "action \(name)"
        case .remoteRootField(let remote, _), .remoteNamespace(let remote): "remote schema \(remote)"
        default: "a root field of the schema"
        }
    }
}
