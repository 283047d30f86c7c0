public import GraphQL

/// Turns a validated query operation into `QueryIR`, reading each field's meaning from the
/// role's schema. Pure: no I/O, deterministic for a given document, variables fingerprint and schema.
public struct QueryPlanner {
    let roleSchema: RoleSchema
    let model: Model
    let collector: FieldCollector
    let variables: [String: JSONValue]
    /// False when a literal list or object embeds variables inside a scalar (e.g. a jsonb
    /// literal with a variable in it): the SQL is right for this request only.
    var isCacheable = true
    /// The operation's variable definitions (for documents sent to remote schemas).
    var variableDefinitions: [VariableDefinition] = []

    public static func plan(
        operation: OperationDefinition, fragments: [String: FragmentDefinition], roleSchema: RoleSchema,
        model: Model, variables: CoercedVariables
    ) throws(PlanError) -> (ir: QueryIR, isCacheable: Bool) {
        var planner = QueryPlanner(
            roleSchema: roleSchema, model: model,
            collector: FieldCollector(fragments: fragments, variables: variables.values), variables: variables.values)
        planner.variableDefinitions = operation.variableDefinitions
        let ir = try planner.planRoot(operation.selectionSet)
        return (ir, planner.isCacheable)
    }

    static let noQueriesMessage =
        "There are no queries available to the current role. Either there are no sources or remote schemas configured, or the current role doesn't have the required permissions."

    mutating func planRoot(_ selectionSet: SelectionSet) throws(PlanError) -> QueryIR {
        var rootFields: [(alias: String, field: RootFieldIR)] = []
        for field in try collector.collect([selectionSet], typeName: HasuraNames.queryRoot) {
            let path = "$.selectionSet.\(field.name)"
            switch field.name {
            case "__typename":
                rootFields.append((field.responseKey, .constant(HasuraNames.queryRoot)))
                continue
            case "__schema", "__type":
                rootFields.append((field.responseKey, .introspection))
                continue
            default: break
            }
            let meaning = roleSchema.meanings.fields[FieldCoordinate(HasuraNames.queryRoot, field.name)]
            switch meaning {
            case .selectMany(let key)?:
                let table = try resolvedTable(key, path: path)
                rootFields.append((field.responseKey, .selectMany(try selection(field, table: table, path: path))))
            case .selectByPK(let key)?:
                let table = try resolvedTable(key, path: path)
                rootFields.append(
                    (field.responseKey, .selectByPK(try selectionByPrimaryKey(field, table: table, path: path))))
            case .selectAggregate(let key)?:
                let table = try resolvedTable(key, path: path)
                rootFields.append((field.responseKey, .selectAggregate(try aggregate(field, table: table, path: path))))
            case .noQueriesAvailable?:
                rootFields.append((field.responseKey, .constant(Self.noQueriesMessage)))
            case .action(let name)?:
                rootFields.append((field.responseKey, .action(try actionCall(field, named: name, path: path))))
            case .asyncActionResult(let name)?:
                rootFields.append(
                    (field.responseKey, .asyncActionResult(try asyncActionResult(field, named: name, path: path))))
            case .remoteRootField(let remote, _)?, .remoteNamespace(let remote)?:
                let namespace = meaning == .remoteNamespace(remote: remote)
                rootFields.append(
                    (
                        field.responseKey,
                        .remote(
                            try remoteField(field, remote: remote, namespace: namespace, operation: .query, path: path))
                    ))
            default:
                throw PlanError("field '\(field.name)' not found in type: '\(HasuraNames.queryRoot)'", path: path)
            }
        }
        return QueryIR(rootFields: rootFields)
    }

    func resolvedTable(_ key: TableKey, path: String) throws(PlanError) -> ResolvedTable {
        guard let table = model.table(key) else {
            throw PlanError("table \(key) is not tracked", path: path, code: .unexpected)
        }
        return table
    }

    // MARK: Selections

    /// A list selection: arguments plus the row fields.
    mutating func selection(_ field: CollectedField, table: ResolvedTable, path: String) throws(PlanError)
        -> SelectionIR
    {
        let arguments = try selectArguments(arguments(of: field.first), table: table, path: path + ".args")
        return SelectionIR(table: table, arguments: arguments, fields: try rowFields(field, table: table, path: path))
    }

    mutating func selectionByPrimaryKey(_ field: CollectedField, table: ResolvedTable, path: String) throws(PlanError)
        -> SelectionIR
    {
        let given = arguments(of: field.first)
        var conditions: [BoolExpIR] = []
        for column in table.primaryKey {
            guard let node = given[column.fieldName], !node.isNull else {
                throw PlanError("missing required field '\(column.fieldName)'", path: path + ".args")
            }
            conditions.append(
                .compare(
                    ColumnOperand(column: column, castToText: false),
                    ComparisonIR(op: .eq, operand: .value(parameter(node, for: column)))))
        }
        var arguments = SelectArguments()
        arguments.filter = .and(conditions)
        return SelectionIR(table: table, arguments: arguments, fields: try rowFields(field, table: table, path: path))
    }

    /// The fields of a row object (`<t>` type).
    mutating func rowFields(_ field: CollectedField, table: ResolvedTable, path: String) throws(PlanError) -> [(
        alias: String, field: FieldIR
    )] {
        let typeName = table.names.objectType
        var result: [(alias: String, field: FieldIR)] = []
        for subfield in try collector.collect(field.selectionSets, typeName: typeName) {
            let subpath = path + ".selectionSet.\(subfield.name)"
            if subfield.name == "__typename" {
                result.append((subfield.responseKey, .typename(typeName)))
                continue
            }
            switch roleSchema.meanings.fields[FieldCoordinate(typeName, subfield.name)] {
            case .column(let name)?:
                guard let column = table.column(named: name) else {
                    throw missingField(subfield.name, typeName, subpath)
                }
                result.append((subfield.responseKey, .column(column)))
            case .relationship(let name)?:
                let (relationship, target) = try relationship(name, of: table, path: subpath)
                switch relationship.kind {
                case .object:
                    let nested = SelectionIR(
                        table: target, arguments: SelectArguments(),
                        fields: try rowFields(subfield, table: target, path: subpath))
                    result.append((subfield.responseKey, .objectRelationship(relationship, nested)))
                case .array:
                    result.append(
                        (
                            subfield.responseKey,
                            .arrayRelationship(relationship, try selection(subfield, table: target, path: subpath))
                        ))
                }
            case .relationshipAggregate(let name)?:
                let (relationship, target) = try relationship(name, of: table, path: subpath)
                result.append(
                    (
                        subfield.responseKey,
                        .arrayAggregate(relationship, try aggregate(subfield, table: target, path: subpath))
                    ))
            default:
                throw missingField(subfield.name, typeName, subpath)
            }
        }
        return result
    }

    func relationship(_ name: String, of table: ResolvedTable, path: String) throws(PlanError) -> (
        ResolvedRelationship, ResolvedTable
    ) {
        guard let relationship = table.relationship(named: name), let target = model.table(relationship.target) else {
            throw PlanError(
                "relationship '\(name)' not found in table \(table.key.name)", path: path, code: .unexpected)
        }
        return (relationship, target)
    }

    func missingField(_ name: String, _ typeName: String, _ path: String) -> PlanError {
        PlanError("field '\(name)' not found in type: '\(typeName)'", path: path)
    }

    // MARK: Aggregates

    mutating func aggregate(_ field: CollectedField, table: ResolvedTable, path: String) throws(PlanError)
        -> AggregateIR
    {
        let names = table.names
        let arguments = try selectArguments(arguments(of: field.first), table: table, path: path + ".args")
        var fields: [(alias: String, field: AggregateFieldIR)] = []
        for subfield in try collector.collect(field.selectionSets, typeName: names.aggregateType) {
            let subpath = path + ".selectionSet.\(subfield.name)"
            if subfield.name == "__typename" {
                fields.append((subfield.responseKey, .typename(names.aggregateType)))
                continue
            }
            switch roleSchema.meanings.fields[FieldCoordinate(names.aggregateType, subfield.name)] {
            case .aggregateFields?:
                fields.append(
                    (subfield.responseKey, .aggregate(try aggregateValues(subfield, table: table, path: subpath))))
            case .aggregateNodes?:
                fields.append((subfield.responseKey, .nodes(try rowFields(subfield, table: table, path: subpath))))
            default:
                throw missingField(subfield.name, names.aggregateType, subpath)
            }
        }
        return AggregateIR(table: table, arguments: arguments, fields: fields)
    }

    func aggregateValues(_ field: CollectedField, table: ResolvedTable, path: String) throws(PlanError) -> [(
        alias: String, value: AggregateValueIR
    )] {
        let typeName = table.names.aggregateFieldsType
        var values: [(alias: String, value: AggregateValueIR)] = []
        for subfield in try collector.collect(field.selectionSets, typeName: typeName) {
            let subpath = path + ".selectionSet.\(subfield.name)"
            if subfield.name == "__typename" {
                values.append((subfield.responseKey, .typename(typeName)))
                continue
            }
            switch roleSchema.meanings.fields[FieldCoordinate(typeName, subfield.name)] {
            case .aggregateCount?:
                let given = arguments(of: subfield.first)
                let columns = try selectColumns(given["columns"], table: table, path: subpath + ".args.columns")
                let distinct = try flag(given["distinct"], path: subpath + ".args.distinct") ?? false
                values.append((subfield.responseKey, .count(columns: columns, distinct: distinct)))
            case .aggregateFunction(let function)?:
                let functionType = table.names.aggregateFunctionFieldsType(function)
                var columns: [(alias: String, column: AggregateColumnIR)] = []
                for columnField in try collector.collect(subfield.selectionSets, typeName: functionType) {
                    if columnField.name == "__typename" {
                        columns.append((columnField.responseKey, .typename(functionType)))
                    } else if case .aggregateColumn(let name)? = roleSchema.meanings.fields[
                        FieldCoordinate(functionType, columnField.name)],
                        let column = table.column(named: name)
                    {
                        columns.append((columnField.responseKey, .column(column)))
                    } else {
                        throw missingField(
                            columnField.name, functionType, subpath + ".selectionSet.\(columnField.name)")
                    }
                }
                values.append((subfield.responseKey, .function(function, columns)))
            default:
                throw missingField(subfield.name, typeName, subpath)
            }
        }
        return values
    }

    // MARK: Argument values

    func arguments(of field: Field) -> [String: InputNode] {
        var result: [String: InputNode] = [:]
        for argument in field.arguments {
            if let node = InputNode.resolve(argument.value, variables: variables) { result[argument.name.value] = node }
        }
        return result
    }

    /// A bound parameter for a value compared with `column`.
    mutating func parameter(_ node: InputNode, for column: ResolvedColumn) -> SQLParameter {
        parameter(node, scalar: column.scalar, databaseType: column.databaseType)
    }

    mutating func parameter(_ node: InputNode, scalar: ScalarType, databaseType: String) -> SQLParameter {
        if node.embedsVariables { isCacheable = false }
        return SQLParameter(source: node.source, scalar: scalar, databaseType: databaseType)
    }

    func flag(_ node: InputNode?, path: String) throws(PlanError) -> Bool? {
        guard let node, !node.isNull else { return nil }
        guard case .scalar(.bool(let value)) = node.value else { throw PlanError("expected a boolean", path: path) }
        return value
    }

    func selectColumns(_ node: InputNode?, table: ResolvedTable, path: String) throws(PlanError) -> [ResolvedColumn] {
        guard let node else { return [] }
        var columns: [ResolvedColumn] = []
        for item in node.listItems {
            guard let name = item.enumName, let column = table.selectableColumns.first(where: { $0.fieldName == name })
            else {
                throw PlanError(
                    "unexpected value \(item.json.serialized) for enum: '\(table.names.selectColumn)'", path: path)
            }
            columns.append(column)
        }
        return columns
    }
}
