import OrderedCollections

/// Custom types and actions: a stage after the sources, since action types may name database scalars.
extension ModelResolver {
    /// Scalars every action may use without declaring them: GraphQL's own and the database
    /// types Hasura exposes under their own names.
    static let builtInScalars: Set = [
        "Int", "Float", "String", "Boolean", "ID", "bigint", "smallint", "numeric", "float8", "money", "uuid", "date",
        "time", "timetz", "timestamp", "timestamptz", "interval", "json", "jsonb", "bytea", "bpchar", "citext", "name",
        "inet", "oid",
    ]

    /// Checks the custom types (unique names, field types that exist and fit), then each action
    /// (argument and output types, the handler's `{{ENV}}` placeholders, unique names).
    static func checkActions(
        _ actions: [ActionMetadata], customTypes types: CustomTypes, databaseScalars: Set<String>,
        environment: [String: String], inconsistencies: inout [Inconsistency]
    ) {
        let scalars = builtInScalars.union(databaseScalars).union(types.scalars.map(\.name))
        let enums = Set(types.enums.map(\.name))
        let inputObjects = Set(types.inputObjects.map(\.name))
        let objects = Set(types.objects.map(\.name))

        var problems: [String] = []
        var counts: [String: Int] = [:]
        for name in types.allNames { counts[name, default: 0] += 1 }
        let duplicates = types.allNames.filter { counts[$0]! > 1 }
        if !duplicates.isEmpty {
            var listed: Set<String> = []
            let names = duplicates.filter { listed.insert($0).inserted }.map { "\"\($0)\"" }
            problems.append("duplicate type names: " + names.joined(separator: ", "))
        }
        for input in types.inputObjects {
            for field in input.fields {
                let base = baseTypeName(field.type)
                if !(scalars.contains(base) || enums.contains(base) || inputObjects.contains(base)) {
                    problems.append(
                        "the type \(base) for field \(field.name) in input object type \(input.name) does not exist")
                }
            }
        }
        for object in types.objects {
            for field in object.fields {
                let base = baseTypeName(field.type)
                if inputObjects.contains(base) {
                    problems.append(
                        "the type \(base) for field \(field.name) in object type \(object.name) is an input object type"
                    )
                } else if !(scalars.contains(base) || enums.contains(base) || objects.contains(base)) {
                    problems.append(
                        "the type \(base) for field \(field.name) in object type \(object.name) does not exist")
                }
            }
        }
        if !problems.isEmpty {
            inconsistencies.append(
                Inconsistency(
                    type: "custom_types", name: "custom_types", reason: problems.joined(separator: "; "),
                    definition: types.exportJSON, subject: .customTypes))
        }

        var seen: Set<String> = []
        for action in actions {
            func fail(_ reason: String) {
                inconsistencies.append(
                    Inconsistency(
                        type: "action", name: "action \(action.name)", reason: reason, definition: action.exportJSON,
                        subject: .action(action.name)))
            }
            guard seen.insert(action.name).inserted else {
                fail("multiple definitions for action \"\(action.name)\"")
                continue
            }
            if let argument = action.definition.arguments.first(where: { argument in
                let base = baseTypeName(argument.type)
                return !(scalars.contains(base) || enums.contains(base) || inputObjects.contains(base))
            }) {
                fail(
                    "the type: \"\(baseTypeName(argument.type))\" is not defined in custom types or it is not a scalar/enum/input_object"
                )
                continue
            }
            let output = baseTypeName(action.definition.outputType)
            guard objects.contains(output) || scalars.contains(output) else {
                fail("the type: \"\(output)\" is not an object or scalar type defined in custom types")
                continue
            }
            if case .failure(let missing) = action.definition.handler.render(in: environment) {
                fail(missing.description)
            }
        }
    }

    /// `Book` for `[Book!]!`.
    static func baseTypeName(_ reference: String) -> String {
        String(reference.filter { $0 != "[" && $0 != "]" && $0 != "!" && !$0.isWhitespace })
    }
}

extension ModelResolver {
    /// The actions served: without inconsistencies, and none at all when the custom types are
    /// inconsistent (their types would not exist). Output-object relationships to tables that
    /// are not tracked, or fields and columns that do not exist, are inconsistencies of the
    /// custom types and are left out.
    static func resolveActions(
        _ actions: [ActionMetadata], customTypes: CustomTypes, sources: [ResolvedSource],
        inconsistencies: inout [Inconsistency]
    ) -> ResolvedActions {
        let broken = Set(
            inconsistencies.compactMap { inconsistency -> String? in
                if case .action(let name)? = inconsistency.subject { return name }
                return nil
            })
        let typesBroken = inconsistencies.contains {
            if case .customTypes? = $0.subject { return true }
            return false
        }
        guard !typesBroken else { return ResolvedActions() }
        var relationships: [String: [ActionRelationship]] = [:]
        var problems: [String] = []
        for object in customTypes.objects {
            for written in object.relationships {
                switch resolveActionRelationship(written, of: object, sources: sources) {
                case .success(let relationship): relationships[object.name, default: []].append(relationship)
                case .failure(let problem): problems.append(problem.message)
                }
            }
        }
        if !problems.isEmpty {
            inconsistencies.append(
                Inconsistency(
                    type: "custom_types", name: "custom_types", reason: problems.joined(separator: "; "),
                    definition: customTypes.exportJSON, subject: .customTypes))
        }
        // Action root fields and custom type names must not collide with what tables generate.
        var tableNames: [String: String] = [:]
        for table in sources.flatMap(\.tables) {
            let names = table.names
            for name in [
                names.select, names.selectByPK, names.selectAggregate, names.insert, names.insertOne, names.update,
                names.updateByPK, names.updateMany, names.delete, names.deleteByPK, names.objectType,
            ] {
                tableNames[name] = "table \(table.key)"
            }
        }
        var served: [ActionMetadata] = []
        for action in actions where !broken.contains(action.name) {
            if let owner = tableNames[action.name] {
                inconsistencies.append(
                    Inconsistency(
                        type: "action", name: "action \(action.name)",
                        reason: "action \(action.name) conflicts with a root field or type of \(owner)",
                        definition: action.exportJSON, subject: .action(action.name)))
            } else {
                served.append(action)
            }
        }
        if let clash = customTypes.allNames.first(where: { tableNames[$0] != nil }) {
            inconsistencies.append(
                Inconsistency(
                    type: "custom_types", name: "custom_types",
                    reason: "custom type \(clash) conflicts with a type of \(tableNames[clash] ?? "a table")",
                    definition: customTypes.exportJSON, subject: .customTypes))
            return ResolvedActions()
        }
        return ResolvedActions(actions: served, customTypes: customTypes, relationships: relationships)
    }

    struct RelationshipProblem: Error {
        let message: String
    }

    /// `{name, type: object|array, remote_table, field_mapping, source?}`.
    static func resolveActionRelationship(
        _ written: JSONValue, of object: CustomObjectType, sources: [ResolvedSource]
    ) -> Result<ActionRelationship, RelationshipProblem> {
        func fail(_ message: String) -> Result<ActionRelationship, RelationshipProblem> {
            .failure(RelationshipProblem(message: message))
        }
        guard let name = written["name"]?.stringValue else {
            return fail("a relationship of \(object.name) has no name")
        }
        let where_ = "relationship \(name) of \(object.name)"
        guard let kind = written["type"]?.stringValue.flatMap(ResolvedRelationship.Kind.init(rawValue:)) else {
            return fail("\(where_): type must be object or array")
        }
        let sourceName = written["source"]?.stringValue ?? "default"
        guard let source = sources.first(where: { $0.name == sourceName }) else {
            return fail("\(where_): source \"\(sourceName)\" does not exist")
        }
        let tableName: String?
        let schemaName: String?
        switch written["remote_table"] {
        case .string(let text)?:
            (tableName, schemaName) = (text, nil)
        case .object(let fields)?:
            (tableName, schemaName) = (fields["name"]?.stringValue, fields["schema"]?.stringValue)
        default:
            (tableName, schemaName) = (nil, nil)
        }
        guard let tableName,
            let table = source.tables.first(where: {
                $0.key.name.name == tableName && (schemaName == nil || $0.key.name.schema == schemaName)
            })
        else { return fail("\(where_): table \(tableName ?? "?") is not tracked in source \(sourceName)") }
        guard case .object(let mappingFields)? = written["field_mapping"], !mappingFields.isEmpty else {
            return fail("\(where_): field_mapping is missing")
        }
        var mapping: [(field: String, column: ResolvedColumn)] = []
        for (field, columnName) in mappingFields {
            guard object.fields.contains(where: { $0.name == field }) else {
                return fail("\(where_): field \(field) does not exist in \(object.name)")
            }
            guard let columnName = columnName.stringValue, let column = table.column(named: columnName) else {
                return fail("\(where_): column \(columnName.stringValue ?? "?") does not exist in \(tableName)")
            }
            mapping.append((field, column))
        }
        return .success(ActionRelationship(name: name, kind: kind, target: table.key, mapping: mapping))
    }
}
