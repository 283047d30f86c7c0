/// `<t>_aggregate` selections: aggregate values and `nodes` over the same rows.
extension SQLCompiler {
    /// A scalar subquery giving the aggregate's JSON object.
    mutating func aggregate(_ aggregate: AggregateIR, correlatedTo correlation: Correlation?) -> SQL {
        let rows = nextAlias("r")
        let base = baseRows(aggregate.table, aggregate.arguments, correlation: correlation)
        var projections: [SQL] = ["\(ident: base.alias).*"]
        // A column an inherited role reads only in some rows is aggregated as NULL elsewhere.
        var masked: [String: String] = [:]
        for (name, condition) in (aggregate.table.access.select?.columnFilters ?? [:]).sorted(by: { $0.key < $1.key }) {
            let projected = "_m\(projections.count)"
            projections.append(
                "CASE WHEN \(boolExp(condition, alias: base.alias)) THEN \(column(base.alias, name)) ELSE NULL END AS "
                    + .identifier(projected))
            masked[name] = projected
        }
        var outerPairs: [(key: String, value: SQL)] = []
        for (key, field) in aggregate.fields {
            switch field {
            case .typename(let name):
                outerPairs.append((key, .nameLiteral(name)))
            case .aggregate(let values):
                outerPairs.append((key, aggregateValues(values, rows: rows, masked: masked)))
            case .nodes(let fields):
                let nodeColumn = "_j\(projections.count)"
                projections.append(
                    rowObject(fields, table: aggregate.table, alias: base.alias) + " AS " + .identifier(nodeColumn))
                let order = aggregate.arguments.orderBy.enumerated().map { index, item in
                    column(rows, "_o\(index)") + directionSQL(item.direction)
                }
                outerPairs.append((key, dialect.jsonArrayAggregate(column(rows, nodeColumn), orderBy: order)))
            }
        }
        for (index, item) in aggregate.arguments.orderBy.enumerated() {
            projections.append(orderExpression(item, alias: base.alias) + " AS " + .identifier("_o\(index)"))
        }
        let inner =
            "SELECT \(projections.joined(separator: ", ")) FROM \(base.from)" + base.filter
            + orderClauseOverProjections(aggregate.arguments.orderBy)
            + pagination(aggregate.arguments, table: aggregate.table)
        return "(SELECT \(dialect.jsonObject(outerPairs)) FROM (\(inner)) AS \(ident: rows))"
    }

    /// The object of `aggregate { count sum { … } … }` over the rows aliased `rows`; `masked`
    /// names the projections that stand for columns readable in some rows only.
    func aggregateValues(
        _ values: [(alias: String, value: AggregateValueIR)], rows: String, masked: [String: String] = [:]
    ) -> SQL {
        let operand = { (resolved: ResolvedColumn) -> SQL in self.column(rows, masked[resolved.name] ?? resolved.name) }
        var pairs: [(key: String, value: SQL)] = []
        for (key, value) in values {
            switch value {
            case .typename(let name):
                pairs.append((key, .nameLiteral(name)))
            case .count(let columns, let distinct):
                pairs.append((key, count(columns.map(operand), distinct: distinct)))
            case .function(let function, let columns):
                let fields = columns.map { key, target -> (key: String, value: SQL) in
                    switch target {
                    case .typename(let name): (key, .nameLiteral(name))
                    case .column(let resolved):
                        (
                            key,
                            dialect.columnValue(
                                dialect.aggregate(function, operand(resolved)),
                                scalar: function.keepsColumnType ? resolved.scalar : .float)
                        )
                    }
                }
                pairs.append((key, dialect.jsonObject(fields)))
            }
        }
        return dialect.jsonObject(pairs)
    }

    /// `count(*)`, `count(col)`, `count(DISTINCT col)`; several columns count rows where all are non-null.
    func count(_ columns: [SQL], distinct: Bool) -> SQL {
        switch (columns.count, distinct) {
        case (0, _): return "count(*)"
        case (1, false): return "count(\(columns[0]))"
        case (1, true): return "count(DISTINCT \(columns[0]))"
        default:
            let allPresent = columns.map { "\($0) IS NOT NULL" as SQL }.joined(separator: " AND ")
            if distinct { return "count(DISTINCT CASE WHEN \(allPresent) THEN \(dialect.tuple(columns)) END)" }
            return "count(CASE WHEN \(allPresent) THEN 1 END)"
        }
    }
}
