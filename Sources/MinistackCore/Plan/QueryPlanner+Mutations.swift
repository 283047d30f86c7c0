public import GraphQL

/// Planning `mutation` operations: the same meanings, values and filters as queries.
extension QueryPlanner {
    public static func planMutation(
        operation: OperationDefinition, fragments: [String: FragmentDefinition], roleSchema: RoleSchema,
        model: Model, variables: CoercedVariables
    ) throws(PlanError) -> MutationIR {
        var planner = QueryPlanner(
            roleSchema: roleSchema, model: model,
            collector: FieldCollector(fragments: fragments, variables: variables.values), variables: variables.values)
        planner.variableDefinitions = operation.variableDefinitions
        var rootFields: [(alias: String, field: MutationFieldIR)] = []
        for field in try planner.collector.collect([operation.selectionSet], typeName: HasuraNames.mutationRoot) {
            let path = "$.selectionSet.\(field.name)"
            if field.name == "__typename" {
                rootFields.append((field.responseKey, .constant(HasuraNames.mutationRoot)))
                continue
            }
            let given = planner.arguments(of: field.first)
            let meaning = roleSchema.meanings.fields[FieldCoordinate(HasuraNames.mutationRoot, field.name)]
            switch meaning {
            case .action(let name)?:
                rootFields.append((field.responseKey, .action(try planner.actionCall(field, named: name, path: path))))
            case .remoteRootField(let remote, _)?, .remoteNamespace(let remote)?:
                let namespace = meaning == .remoteNamespace(remote: remote)
                rootFields.append(
                    (
                        field.responseKey,
                        .remote(
                            try planner.remoteField(
                                field, remote: remote, namespace: namespace, operation: .mutation, path: path))
                    ))
            case .insert(let key)?:
                let table = try planner.resolvedTable(key, path: path)
                let insert = try planner.insert(
                    given["objects"]?.listItems ?? [], onConflict: given["on_conflict"], table: table,
                    path: path + ".args.objects")
                rootFields.append(
                    (
                        field.responseKey,
                        .insert(
                            insert, output: .response(try planner.mutationResponse(field, table: table, path: path)))
                    ))
            case .insertOne(let key)?:
                let table = try planner.resolvedTable(key, path: path)
                let rows = given["object"].map { [$0] } ?? []
                let insert = try planner.insert(
                    rows, onConflict: given["on_conflict"], table: table, path: path + ".args.object", isList: false)
                rootFields.append(
                    (
                        field.responseKey,
                        .insert(insert, output: .singleRow(try planner.rowFields(field, table: table, path: path)))
                    ))
            case .update(let key)?:
                let table = try planner.resolvedTable(key, path: path)
                let update = try planner.update(given, table: table, path: path + ".args")
                rootFields.append(
                    (
                        field.responseKey,
                        .update(
                            update, output: .response(try planner.mutationResponse(field, table: table, path: path)))
                    ))
            case .updateByPK(let key)?:
                let table = try planner.resolvedTable(key, path: path)
                var update = try planner.update(given, table: table, path: path + ".args")
                update.filter = try planner.primaryKeyFilter(
                    given["pk_columns"], table: table, path: path + ".args.pk_columns"
                ).conjoined(with: table.access.update?.filter)
                rootFields.append(
                    (
                        field.responseKey,
                        .update(update, output: .singleRow(try planner.rowFields(field, table: table, path: path)))
                    ))
            case .updateMany(let key)?:
                let table = try planner.resolvedTable(key, path: path)
                var updates: [UpdateIR] = []
                for (index, item) in (given["updates"]?.listItems ?? []).enumerated() {
                    guard case .object(let fields) = item.value else {
                        throw PlanError("expected an object", path: path + ".args.updates[\(index)]")
                    }
                    let itemArguments = Dictionary(
                        fields.map { ($0.key, $0.node) }, uniquingKeysWith: { first, _ in first })
                    updates.append(
                        try planner.update(itemArguments, table: table, path: path + ".args.updates[\(index)]"))
                }
                rootFields.append(
                    (
                        field.responseKey,
                        .updateMany(updates, response: try planner.mutationResponse(field, table: table, path: path))
                    ))
            case .delete(let key)?:
                let table = try planner.resolvedTable(key, path: path)
                guard let whereNode = given["where"], !whereNode.isNull else {
                    throw PlanError("missing required field 'where'", path: path + ".args.where")
                }
                let filter = try planner.boolExp(whereNode, table: table, path: path + ".args.where")
                    .conjoined(with: table.access.delete?.filter)
                rootFields.append(
                    (
                        field.responseKey,
                        .delete(
                            DeleteIR(table: table, filter: filter),
                            output: .response(try planner.mutationResponse(field, table: table, path: path)))
                    ))
            case .deleteByPK(let key)?:
                let table = try planner.resolvedTable(key, path: path)
                let filter = try planner.primaryKeyFilter(nil, arguments: given, table: table, path: path + ".args")
                    .conjoined(with: table.access.delete?.filter)
                rootFields.append(
                    (
                        field.responseKey,
                        .delete(
                            DeleteIR(table: table, filter: filter),
                            output: .singleRow(try planner.rowFields(field, table: table, path: path)))
                    ))
            default:
                throw PlanError("field '\(field.name)' not found in type: '\(HasuraNames.mutationRoot)'", path: path)
            }
        }
        return MutationIR(rootFields: rootFields)
    }

    /// `affected_rows`, `returning { … }`, `__typename` of `<t>_mutation_response`.
    mutating func mutationResponse(_ field: CollectedField, table: ResolvedTable, path: String) throws(PlanError)
        -> [(alias: String, field: MutationResponseField)]
    {
        let typeName = table.names.mutationResponseType
        var fields: [(alias: String, field: MutationResponseField)] = []
        for subfield in try collector.collect(field.selectionSets, typeName: typeName) {
            let subpath = path + ".selectionSet.\(subfield.name)"
            if subfield.name == "__typename" {
                fields.append((subfield.responseKey, .typename(typeName)))
                continue
            }
            switch roleSchema.meanings.fields[FieldCoordinate(typeName, subfield.name)] {
            case .affectedRows?: fields.append((subfield.responseKey, .affectedRows))
            case .returning?:
                fields.append(
                    (subfield.responseKey, .returning(try rowFields(subfield, table: table, path: subpath))))
            default: throw missingField(subfield.name, typeName, subpath)
            }
        }
        return fields
    }

    // MARK: Inserts

    /// Rows given as a list (`objects`, an array relationship's `data`) have indexed paths;
    /// a single row (`object`, an object relationship's `data`) does not.
    mutating func insert(
        _ rows: [InputNode], onConflict: InputNode?, table: ResolvedTable, path: String, isList: Bool = true
    ) throws(PlanError) -> InsertIR {
        var planned: [InsertRowIR] = []
        for (index, row) in rows.enumerated() {
            planned.append(try insertRow(row, table: table, path: isList ? "\(path)[\(index)]" : path))
        }
        var conflict: OnConflictIR?
        if let onConflict, !onConflict.isNull {
            conflict = try self.onConflict(
                onConflict, table: table, path: path.replacingLastComponent(with: "on_conflict"))
        }
        let check = table.access.insert?.check
        return InsertIR(
            table: table, rows: planned, onConflict: conflict, path: path,
            check: check.flatMap { $0.isAlwaysTrue ? nil : $0 })
    }

    mutating func insertRow(_ node: InputNode, table: ResolvedTable, path: String) throws(PlanError) -> InsertRowIR {
        guard case .object(let fields) = node.value else {
            throw PlanError("expected an object for type '\(table.names.insertInput)'", path: path)
        }
        var row = InsertRowIR(values: [], objectRelationships: [], arrayRelationships: [])
        for (key, value) in fields {
            let fieldPath = path + ".\(key)"
            switch roleSchema.meanings.inputFields[FieldCoordinate(table.names.insertInput, key)] {
            case .column(let name)?:
                guard let column = table.column(named: name) else {
                    throw PlanError("column '\(name)' not found", path: fieldPath)
                }
                row.values.append((column, parameter(value, for: column)))
            case .relationship(let name)?:
                guard !value.isNull else { continue }
                let (relationship, target) = try relationship(name, of: table, path: fieldPath)
                guard case .object(let relationFields) = value.value else {
                    throw PlanError("expected an object", path: fieldPath)
                }
                let given = Dictionary(
                    relationFields.map { ($0.key, $0.node) }, uniquingKeysWith: { first, _ in first })
                guard let data = given["data"], !data.isNull else {
                    throw PlanError("missing required field 'data'", path: fieldPath)
                }
                let rows = relationship.kind == .object ? [data] : data.listItems
                let nested = try insert(
                    rows, onConflict: given["on_conflict"], table: target, path: fieldPath + ".data",
                    isList: relationship.kind == .array)
                if relationship.kind == .object {
                    row.objectRelationships.append((relationship, nested))
                } else {
                    row.arrayRelationships.append((relationship, nested))
                }
            default:
                throw PlanError("field '\(key)' not found in type: '\(table.names.insertInput)'", path: fieldPath)
            }
        }
        for preset in table.access.insert?.presets ?? [] {
            row.values.removeAll { $0.column.name == preset.column.name }
            row.values.append((preset.column, preset.value))
        }
        return row
    }

    mutating func onConflict(_ node: InputNode, table: ResolvedTable, path: String) throws(PlanError) -> OnConflictIR {
        guard case .object(let fields) = node.value else { throw PlanError("expected an object", path: path) }
        let given = Dictionary(fields.map { ($0.key, $0.node) }, uniquingKeysWith: { first, _ in first })
        guard let constraintName = given["constraint"]?.enumName,
            let constraint = SchemaBuilder.uniqueConstraints(of: table).first(where: { $0.name == constraintName })
        else {
            throw PlanError(
                "missing or unknown constraint for table \(table.key.name.name)", path: path + ".constraint")
        }
        let columns = try updateColumns(given["update_columns"], table: table, path: path + ".update_columns")
        var filter = table.access.update?.filter ?? .and([])
        if let whereNode = given["where"], !whereNode.isNull {
            filter = try boolExp(whereNode, table: table, path: path + ".where").conjoined(with: filter)
        }
        // As Hasura does: an upsert that updates is an update, with the update check and presets.
        let update = columns.isEmpty ? nil : table.access.update
        return OnConflictIR(
            constraint: constraint, updateColumns: columns, filter: filter.isAlwaysTrue ? nil : filter,
            updateCheck: update?.check.flatMap { $0.isAlwaysTrue ? nil : $0 }, presets: update?.presets ?? [])
    }

    func updateColumns(_ node: InputNode?, table: ResolvedTable, path: String) throws(PlanError) -> [ResolvedColumn] {
        guard let node else { return [] }
        var columns: [ResolvedColumn] = []
        for item in node.listItems {
            guard let name = item.enumName, let column = table.updatableColumns.first(where: { $0.fieldName == name })
            else {
                throw PlanError(
                    "unexpected value \(item.json.serialized) for enum: '\(table.names.updateColumn)'", path: path)
            }
            columns.append(column)
        }
        return columns
    }

    // MARK: Updates and deletes

    mutating func update(_ given: [String: InputNode], table: ResolvedTable, path: String) throws(PlanError) -> UpdateIR
    {
        var filter = BoolExpIR.and([])
        if let whereNode = given["where"], !whereNode.isNull {
            filter = try boolExp(whereNode, table: table, path: path + ".where")
        }
        var assignments: [UpdateAssignment] = []
        for op in UpdateOperator.allCases {
            guard let node = given[op.rawValue], !node.isNull else { continue }
            guard case .object(let fields) = node.value else {
                throw PlanError("expected an object", path: path + ".\(op.rawValue)")
            }
            let typeName = table.names.updateOperatorInput(op)
            for (key, value) in fields {
                let fieldPath = path + ".\(op.rawValue).\(key)"
                guard case .column(let name)? = roleSchema.meanings.inputFields[FieldCoordinate(typeName, key)],
                    let column = table.column(named: name)
                else {
                    throw PlanError("field '\(key)' not found in type: '\(typeName)'", path: fieldPath)
                }
                if assignments.contains(where: { $0.column.name == column.name }) {
                    throw PlanError("column '\(key)' can be updated by only one operator", path: fieldPath)
                }
                let values: [SQLParameter]
                switch op {
                case .set, .inc: values = [parameter(value, for: column)]
                case .append, .prepend: values = [parameter(value, scalar: .jsonb, databaseType: "jsonb")]
                case .deleteKey: values = [parameter(value, scalar: .string, databaseType: "text")]
                case .deleteElem: values = [parameter(value, scalar: .int, databaseType: "integer")]
                case .deleteAtPath:
                    var items: [SQLParameter] = []
                    for item in value.listItems { items.append(parameter(item, scalar: .string, databaseType: "text")) }
                    values = items
                }
                assignments.append(UpdateAssignment(column: column, op: op, values: values))
            }
        }
        let permission = table.access.update
        if !assignments.isEmpty {
            for preset in permission?.presets ?? [] {
                assignments.removeAll { $0.column.name == preset.column.name }
                assignments.append(UpdateAssignment(column: preset.column, op: .set, values: [preset.value]))
            }
        }
        return UpdateIR(
            table: table, filter: filter.conjoined(with: permission?.filter), assignments: assignments,
            check: permission?.check.flatMap { $0.isAlwaysTrue ? nil : $0 }, path: path)
    }

    /// `pk_columns: {id: 1}` (or, for `delete_<t>_by_pk`, the primary key columns as arguments).
    mutating func primaryKeyFilter(
        _ node: InputNode?, arguments: [String: InputNode] = [:], table: ResolvedTable, path: String
    ) throws(PlanError) -> BoolExpIR {
        var given = arguments
        if let node, case .object(let fields) = node.value {
            given = Dictionary(fields.map { ($0.key, $0.node) }, uniquingKeysWith: { first, _ in first })
        }
        var conditions: [BoolExpIR] = []
        for column in table.primaryKey {
            guard let value = given[column.fieldName], !value.isNull else {
                throw PlanError("missing required field '\(column.fieldName)'", path: path)
            }
            conditions.append(
                .compare(
                    ColumnOperand(column: column, castToText: false),
                    ComparisonIR(op: .eq, operand: .value(parameter(value, for: column)))))
        }
        return .and(conditions)
    }
}

extension String {
    /// `$.a.b.objects` → `$.a.b.on_conflict`.
    func replacingLastComponent(with name: String) -> String {
        guard let dot = lastIndex(of: ".") else { return name }
        return String(self[..<dot]) + "." + name
    }
}
