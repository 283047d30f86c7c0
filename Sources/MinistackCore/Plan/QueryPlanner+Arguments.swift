/// `where`, `order_by`, `limit`, `offset` and `distinct_on`.
extension QueryPlanner {
    mutating func selectArguments(_ given: [String: InputNode], table: ResolvedTable, path: String) throws(PlanError)
        -> SelectArguments
    {
        var arguments = SelectArguments()
        if let filter = given["where"], !filter.isNull {
            arguments.filter = try boolExp(filter, table: table, path: path + ".where")
        }
        if let orderBy = given["order_by"] {
            for (index, item) in orderBy.listItems.enumerated() {
                arguments.orderBy += try orderByItems(item, table: table, via: [], path: path + ".order_by[\(index)]")
            }
        }
        for name in ["limit", "offset"] {
            guard let node = given[name], !node.isNull else { continue }
            let value = parameter(node, scalar: .int, databaseType: "integer")
            if name == "limit" { arguments.limit = value } else { arguments.offset = value }
        }
        arguments.distinctOn = try selectColumns(given["distinct_on"], table: table, path: path + ".distinct_on")
        return arguments
    }

    // MARK: where

    mutating func boolExp(_ node: InputNode, table: ResolvedTable, path: String) throws(PlanError) -> BoolExpIR {
        guard case .object(let fields) = node.value else {
            throw PlanError(
                "expected an object for type '\(table.names.boolExp)', but found \(node.json.kindName)", path: path)
        }
        let typeName = table.names.boolExp
        var terms: [BoolExpIR] = []
        for (key, value) in fields {
            let fieldPath = path + ".\(key)"
            guard !value.isNull else {
                throw PlanError("unexpected null value for field '\(key)' of type '\(typeName)'", path: fieldPath)
            }
            switch roleSchema.meanings.inputFields[FieldCoordinate(typeName, key)] {
            case .and?:
                terms.append(.and(try boolExpList(value, table: table, path: fieldPath)))
            case .or?:
                terms.append(.or(try boolExpList(value, table: table, path: fieldPath)))
            case .not?:
                terms.append(.not(try boolExp(value, table: table, path: fieldPath)))
            case .column(let name)?:
                guard let column = table.column(named: name) else {
                    throw PlanError("column '\(name)' not found", path: fieldPath)
                }
                terms.append(
                    contentsOf: try comparisons(
                        value, column: ColumnOperand(column: column, castToText: false), path: fieldPath))
            case .relationship(let name)?:
                let (relationship, target) = try relationship(name, of: table, path: fieldPath)
                terms.append(
                    .relationship(relationship, target: target, try boolExp(value, table: target, path: fieldPath)))
            case .relationshipAggregate(let name)?:
                let (relationship, target) = try relationship(name, of: table, path: fieldPath)
                terms.append(
                    contentsOf: try aggregateBoolExp(value, relationship: relationship, target: target, path: fieldPath)
                )
            default:
                throw PlanError("field '\(key)' not found in type: '\(typeName)'", path: fieldPath)
            }
        }
        return terms.count == 1 ? terms[0] : .and(terms)
    }

    mutating func boolExpList(_ node: InputNode, table: ResolvedTable, path: String) throws(PlanError) -> [BoolExpIR] {
        var items: [BoolExpIR] = []
        for (index, item) in node.listItems.enumerated() {
            items.append(try boolExp(item, table: table, path: "\(path)[\(index)]"))
        }
        return items
    }

    /// `{_eq: …, _gt: …}` on one column: one term per operator.
    mutating func comparisons(_ node: InputNode, column operand: ColumnOperand, path: String) throws(PlanError)
        -> [BoolExpIR]
    {
        let scalar = operand.castToText ? ScalarType.string : operand.column.scalar
        let typeName = HasuraNames.comparisonExp(scalar)
        guard case .object(let fields) = node.value else {
            throw PlanError("expected an object for type '\(typeName)', but found \(node.json.kindName)", path: path)
        }
        var terms: [BoolExpIR] = []
        for (key, value) in fields {
            let opPath = path + ".\(key)"
            guard case .comparison(let op)? = roleSchema.meanings.inputFields[FieldCoordinate(typeName, key)] else {
                throw PlanError("field '\(key)' not found in type: '\(typeName)'", path: opPath)
            }
            guard !value.isNull else {
                throw PlanError("unexpected null value for type '\(scalar.name)'", path: opPath)
            }
            let column = operand.column
            let valueScalar = scalar
            let valueType = operand.castToText ? "text" : column.databaseType
            switch op {
            case .eq, .neq, .gt, .gte, .lt, .lte:
                terms.append(
                    .compare(
                        operand,
                        ComparisonIR(
                            op: op, operand: .value(parameter(value, scalar: valueScalar, databaseType: valueType)))))
            case .in, .nin:
                var items: [SQLParameter] = []
                for item in value.listItems {
                    items.append(parameter(item, scalar: valueScalar, databaseType: valueType))
                }
                terms.append(.compare(operand, ComparisonIR(op: op, operand: .list(items))))
            case .isNull:
                guard case .scalar(.bool(let flag)) = value.value else {
                    throw PlanError("expected a boolean for '_is_null'", path: opPath)
                }
                terms.append(.compare(operand, ComparisonIR(op: op, operand: .flag(flag))))
            case .like, .nlike, .ilike, .nilike, .similar, .nsimilar, .regex, .nregex, .iregex, .niregex, .hasKey:
                terms.append(
                    .compare(
                        operand,
                        ComparisonIR(op: op, operand: .value(parameter(value, scalar: .string, databaseType: "text")))))
            case .contains, .containedIn:
                terms.append(
                    .compare(
                        operand,
                        ComparisonIR(op: op, operand: .value(parameter(value, scalar: .jsonb, databaseType: "jsonb")))))
            case .hasKeysAll, .hasKeysAny:
                var items: [SQLParameter] = []
                for item in value.listItems { items.append(parameter(item, scalar: .string, databaseType: "text")) }
                terms.append(.compare(operand, ComparisonIR(op: op, operand: .list(items))))
            case .cast:
                guard case .object(let casts) = value.value else {
                    throw PlanError("expected an object for '_cast'", path: opPath)
                }
                for (castKey, castValue) in casts {
                    guard
                        case .castToString? = roleSchema.meanings.inputFields[
                            FieldCoordinate(HasuraNames.castExp(scalar), castKey)]
                    else {
                        throw PlanError(
                            "field '\(castKey)' not found in type: '\(HasuraNames.castExp(scalar))'",
                            path: opPath + ".\(castKey)")
                    }
                    terms += try comparisons(
                        castValue, column: ColumnOperand(column: column, castToText: true), path: opPath + ".\(castKey)"
                    )
                }
            }
        }
        return terms
    }

    /// `<rel>_aggregate: {count: {predicate, filter, arguments, distinct}}`.
    mutating func aggregateBoolExp(
        _ node: InputNode, relationship: ResolvedRelationship, target: ResolvedTable, path: String
    ) throws(PlanError) -> [BoolExpIR] {
        guard case .object(let fields) = node.value else { throw PlanError("expected an object", path: path) }
        var terms: [BoolExpIR] = []
        for (key, value) in fields {
            let countPath = path + ".\(key)"
            guard
                case .aggregateBoolCount? = roleSchema.meanings.inputFields[
                    FieldCoordinate(target.names.aggregateBoolExp, key)],
                case .object(let countFields) = value.value
            else {
                throw PlanError("field '\(key)' not found in type: '\(target.names.aggregateBoolExp)'", path: countPath)
            }
            let given = Dictionary(countFields.map { ($0.key, $0.node) }, uniquingKeysWith: { first, _ in first })
            guard let predicateNode = given["predicate"], !predicateNode.isNull else {
                throw PlanError("missing required field 'predicate'", path: countPath)
            }
            let countColumn = ResolvedColumn(
                name: "", fieldName: "count", scalar: .int, databaseType: "integer", isNullable: false)
            let predicate = try comparisons(
                predicateNode, column: ColumnOperand(column: countColumn, castToText: false),
                path: countPath + ".predicate"
            )
            .compactMap { term -> ComparisonIR? in
                if case .compare(_, let comparison) = term { return comparison }
                return nil
            }
            var filter: BoolExpIR?
            if let filterNode = given["filter"], !filterNode.isNull {
                filter = try boolExp(filterNode, table: target, path: countPath + ".filter")
            }
            let columns = try selectColumns(given["arguments"], table: target, path: countPath + ".arguments")
            let distinct = try flag(given["distinct"], path: countPath + ".distinct") ?? false
            terms.append(
                .aggregateCount(
                    relationship, target: target, columns: columns, distinct: distinct, filter: filter,
                    predicate: predicate))
        }
        return terms
    }

    // MARK: order_by

    func orderByItems(
        _ node: InputNode, table: ResolvedTable,
        via path: [(relationship: ResolvedRelationship, target: ResolvedTable)], path jsonPath: String
    ) throws(PlanError) -> [OrderByIR] {
        guard case .object(let fields) = node.value else {
            throw PlanError(
                "expected an object for type '\(table.names.orderBy)', but found \(node.json.kindName)", path: jsonPath)
        }
        var items: [OrderByIR] = []
        for (key, value) in fields where !value.isNull {
            let fieldPath = jsonPath + ".\(key)"
            switch roleSchema.meanings.inputFields[FieldCoordinate(table.names.orderBy, key)] {
            case .column(let name)?:
                guard let column = table.column(named: name) else {
                    throw PlanError("column '\(name)' not found", path: fieldPath)
                }
                items.append(
                    OrderByIR(path: path, target: .column(column), direction: try direction(value, path: fieldPath)))
            case .relationship(let name)?:
                let (relationship, target) = try relationship(name, of: table, path: fieldPath)
                items += try orderByItems(value, table: target, via: path + [(relationship, target)], path: fieldPath)
            case .relationshipAggregate(let name)?:
                let (relationship, target) = try relationship(name, of: table, path: fieldPath)
                items += try aggregateOrderBy(
                    value, relationship: relationship, target: target, via: path, path: fieldPath)
            default:
                throw PlanError("field '\(key)' not found in type: '\(table.names.orderBy)'", path: fieldPath)
            }
        }
        return items
    }

    func aggregateOrderBy(
        _ node: InputNode, relationship: ResolvedRelationship, target: ResolvedTable,
        via path: [(relationship: ResolvedRelationship, target: ResolvedTable)], path jsonPath: String
    ) throws(PlanError) -> [OrderByIR] {
        guard case .object(let fields) = node.value else { throw PlanError("expected an object", path: jsonPath) }
        let typeName = target.names.aggregateOrderBy
        var items: [OrderByIR] = []
        for (key, value) in fields where !value.isNull {
            let fieldPath = jsonPath + ".\(key)"
            switch roleSchema.meanings.inputFields[FieldCoordinate(typeName, key)] {
            case .orderByAggregateCount?:
                items.append(
                    OrderByIR(
                        path: path, target: .arrayCount(relationship, target: target),
                        direction: try direction(value, path: fieldPath)))
            case .orderByAggregateFunction(let function)?:
                guard case .object(let columns) = value.value else {
                    throw PlanError("expected an object", path: fieldPath)
                }
                let functionType = target.names.aggregateFunctionOrderBy(function)
                for (columnKey, columnDirection) in columns where !columnDirection.isNull {
                    guard
                        case .column(let name)? = roleSchema.meanings.inputFields[
                            FieldCoordinate(functionType, columnKey)],
                        let column = target.column(named: name)
                    else {
                        throw PlanError(
                            "field '\(columnKey)' not found in type: '\(functionType)'",
                            path: fieldPath + ".\(columnKey)")
                    }
                    items.append(
                        OrderByIR(
                            path: path, target: .arrayAggregate(relationship, target: target, function, column),
                            direction: try direction(columnDirection, path: fieldPath + ".\(columnKey)")))
                }
            default:
                throw PlanError("field '\(key)' not found in type: '\(typeName)'", path: fieldPath)
            }
        }
        return items
    }

    func direction(_ node: InputNode, path: String) throws(PlanError) -> OrderDirection {
        guard let name = node.enumName, let direction = OrderDirection(rawValue: name) else {
            throw PlanError(
                "expected one of the values asc, asc_nulls_first, asc_nulls_last, desc, desc_nulls_first, desc_nulls_last for type \"order_by\", but found \(node.json.serialized)",
                path: path)
        }
        return direction
    }
}
