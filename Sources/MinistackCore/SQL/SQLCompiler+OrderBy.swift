/// `ORDER BY` terms, including columns of object relationships and aggregates of array relationships.
extension SQLCompiler {
    /// ` ORDER BY …` over the projected `_o<n>` columns of a selection's inner query.
    func orderClauseOverProjections(_ items: [OrderByIR]) -> SQL {
        guard !items.isEmpty else { return .empty }
        let terms = items.enumerated().map { index, item in SQL.identifier("_o\(index)") + directionSQL(item.direction)
        }
        return " ORDER BY " + terms.joined(separator: ", ")
    }

    /// ` ORDER BY …` written out against `alias` (inside a window definition).
    mutating func orderClause(_ items: [OrderByIR], alias: String) -> SQL {
        var terms: [SQL] = []
        for item in items { terms.append(orderExpression(item, alias: alias) + directionSQL(item.direction)) }
        return " ORDER BY " + terms.joined(separator: ", ")
    }

    func directionSQL(_ direction: OrderDirection) -> SQL {
        switch (direction.isAscending, direction.nullsFirst) {
        case (true, false): " ASC NULLS LAST"
        case (true, true): " ASC NULLS FIRST"
        case (false, true): " DESC NULLS FIRST"
        case (false, false): " DESC NULLS LAST"
        }
    }

    /// The value an order term sorts by, for a row reachable as `alias`.
    mutating func orderExpression(_ item: OrderByIR, alias: String) -> SQL {
        orderExpression(item.target, path: item.path[...], alias: alias)
    }

    private mutating func orderExpression(
        _ target: OrderByTarget, path: ArraySlice<(relationship: ResolvedRelationship, target: ResolvedTable)>,
        alias: String
    ) -> SQL {
        if let step = path.first {
            let child = nextAlias("t")
            let inner = orderExpression(target, path: path.dropFirst(), alias: child)
            return
                "(SELECT \(inner) FROM \(dialect.table(step.target.key.name)) AS \(ident: child) WHERE \(joinCondition(step.relationship, parent: alias, child: child))\(permittedRows(step.target, alias: child)) LIMIT 1)"
        }
        switch target {
        case .column(let resolved):
            return column(alias, resolved.name)
        case .arrayCount(let relationship, let table):
            let child = nextAlias("t")
            return
                "(SELECT count(*) FROM \(dialect.table(table.key.name)) AS \(ident: child) WHERE \(joinCondition(relationship, parent: alias, child: child))\(permittedRows(table, alias: child)))"
        case .arrayAggregate(let relationship, let table, let function, let resolved):
            let child = nextAlias("t")
            let value = dialect.aggregate(function, column(child, resolved.name))
            return
                "(SELECT \(value) FROM \(dialect.table(table.key.name)) AS \(ident: child) WHERE \(joinCondition(relationship, parent: alias, child: child))\(permittedRows(table, alias: child)))"
        }
    }

    /// ` AND <row filter>` when the role may read only some rows of `table`.
    private mutating func permittedRows(_ table: ResolvedTable, alias: String) -> SQL {
        guard let filter = rowFilter(table) else { return .empty }
        return " AND " + boolExp(filter, alias: alias)
    }
}
