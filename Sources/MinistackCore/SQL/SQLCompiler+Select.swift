/// Row selections: lists, single rows and the JSON object of each row.
extension SQLCompiler {
    /// A scalar subquery giving the JSON array of the selected rows, `[]` when none.
    mutating func selectMany(_ selection: SelectionIR, correlatedTo correlation: Correlation?) -> SQL {
        let rows = nextAlias("r")
        let base = baseRows(selection.table, selection.arguments, correlation: correlation)
        let object = rowObject(selection.fields, table: selection.table, alias: base.alias)
        let orderTerms = selection.arguments.orderBy.map { orderExpression($0, alias: base.alias) }
        var projections: [SQL] = [object + " AS " + .identifier("_j")]
        for (index, term) in orderTerms.enumerated() { projections.append(term + " AS " + .identifier("_o\(index)")) }
        let inner =
            "SELECT \(projections.joined(separator: ", ")) FROM \(base.from)" + base.filter
            + orderClauseOverProjections(selection.arguments.orderBy)
            + pagination(selection.arguments, table: selection.table)
        let aggregateOrder = selection.arguments.orderBy.enumerated().map { index, item in
            column(rows, "_o\(index)") + directionSQL(item.direction)
        }
        return
            "(SELECT \(dialect.jsonArrayAggregate(column(rows, "_j"), orderBy: aggregateOrder)) FROM (\(inner)) AS \(ident: rows))"
    }

    /// A scalar subquery giving one row's JSON object, or NULL (by-pk and object relationships).
    mutating func selectOne(_ selection: SelectionIR, correlatedTo correlation: Correlation?) -> SQL {
        let base = baseRows(selection.table, selection.arguments, correlation: correlation)
        let object = rowObject(selection.fields, table: selection.table, alias: base.alias)
        return "(SELECT \(object) FROM \(base.from)\(base.filter) LIMIT 1)"
    }

    /// The JSON object of a row of `table` reachable as `alias`.
    mutating func rowObject(_ fields: [(alias: String, field: FieldIR)], table: ResolvedTable, alias: String) -> SQL {
        var pairs: [(key: String, value: SQL)] = []
        for (key, field) in fields {
            switch field {
            case .column(let resolved):
                var value = dialect.columnValue(column(alias, resolved.name), scalar: resolved.scalar)
                if let condition = table.access.select?.columnFilters[resolved.name] {
                    value = "CASE WHEN \(boolExp(condition, alias: alias)) THEN \(value) ELSE NULL END"
                }
                pairs.append((key, value))
            case .typename(let name):
                pairs.append((key, .nameLiteral(name)))
            case .objectRelationship(let relationship, let nested):
                let value = selectOne(nested, correlatedTo: Correlation(relationship: relationship, parentAlias: alias))
                pairs.append((key, dialect.embedJSON(value)))
            case .arrayRelationship(let relationship, let nested):
                let value = selectMany(
                    nested, correlatedTo: Correlation(relationship: relationship, parentAlias: alias))
                pairs.append((key, dialect.embedJSON(value)))
            case .arrayAggregate(let relationship, let nested):
                let value = aggregate(nested, correlatedTo: Correlation(relationship: relationship, parentAlias: alias))
                pairs.append((key, dialect.embedJSON(value)))
            }
        }
        return dialect.jsonObject(pairs)
    }

    /// The rows a selection reads: `FROM` (with `distinct_on` applied) and `WHERE`, under one alias.
    ///
    /// `distinct_on` keeps the first row of each group in `order_by` order, as Postgres'
    /// `DISTINCT ON` does, written with `row_number()` so both databases share it.
    mutating func baseRows(_ table: ResolvedTable, _ arguments: SelectArguments, correlation: Correlation?) -> (
        alias: String, from: SQL, filter: SQL
    ) {
        let alias = nextAlias("t")
        var conditions: [SQL] = []
        if let correlation {
            conditions.append(joinCondition(correlation.relationship, parent: correlation.parentAlias, child: alias))
        }
        if let filter = arguments.filter { conditions.append(boolExp(filter, alias: alias)) }
        if let permitted = rowFilter(table) { conditions.append(boolExp(permitted, alias: alias)) }
        let whereClause: SQL = conditions.isEmpty ? .empty : " WHERE " + conditions.joined(separator: " AND ")
        let tableSQL = dialect.table(table.key.name) + " AS " + .identifier(alias)
        guard !arguments.distinctOn.isEmpty else { return (alias, tableSQL, whereClause) }
        let partition = arguments.distinctOn.map { column(alias, $0.name) }.joined(separator: ", ")
        var window: SQL = "PARTITION BY \(partition)"
        if !arguments.orderBy.isEmpty { window.append(orderClause(arguments.orderBy, alias: alias)) }
        let numbered: SQL =
            "(SELECT \(ident: alias).*, row_number() OVER (\(window)) AS \(ident: "_rn") FROM \(tableSQL)\(whereClause)) AS \(ident: alias)"
        return (alias, numbered, " WHERE " + column(alias, "_rn") + " = 1")
    }

    /// The rows of `table` the role may read, when that is not all of them.
    func rowFilter(_ table: ResolvedTable) -> BoolExpIR? {
        guard let select = table.access.select else { return .or([]) }
        return select.filter.isAlwaysTrue ? nil : select.filter
    }

    /// ` LIMIT … OFFSET …`: the request's limit, capped by the role's permission limit.
    func pagination(_ arguments: SelectArguments, table: ResolvedTable) -> SQL {
        var sql = SQL.empty
        let permitted = table.access.select?.limit
        switch (arguments.limit, permitted) {
        case (let limit?, let cap?): sql.append(" LIMIT \(dialect.smallest(.parameter(limit), .integer(cap)))")
        case (let limit?, nil): sql.append(" LIMIT \(param: limit)")
        case (nil, let cap?): sql.append(" LIMIT \(SQL.integer(cap))")
        case (nil, nil): break
        }
        if let offset = arguments.offset {
            // SQLite needs a LIMIT before OFFSET; -1 means no limit there.
            if arguments.limit == nil, permitted == nil, dialect.kind == .sqlite { sql.append(" LIMIT -1") }
            sql.append(" OFFSET \(param: offset)")
        }
        return sql
    }
}
