/// `where` expressions, compiled against the row aliased `alias`.
extension SQLCompiler {
    mutating func boolExp(_ expression: BoolExpIR, alias: String) -> SQL {
        switch expression {
        case .and(let terms):
            guard !terms.isEmpty else { return "(1 = 1)" }
            var parts: [SQL] = []
            for term in terms { parts.append(boolExp(term, alias: alias)) }
            return "(" + parts.joined(separator: " AND ") + ")"
        case .or(let terms):
            guard !terms.isEmpty else { return "(1 = 0)" }
            var parts: [SQL] = []
            for term in terms { parts.append(boolExp(term, alias: alias)) }
            return "(" + parts.joined(separator: " OR ") + ")"
        case .not(let term):
            return "(NOT \(boolExp(term, alias: alias)))"
        case .compare(let operand, let comparison):
            var left = column(alias, operand.column.name)
            if operand.castToText { left = dialect.castToText(left) }
            if case .column(let other, let ofRoot) = comparison.operand {
                return compare(left, comparison.op, column(ofRoot ? rootAlias ?? alias : alias, other.name))
            }
            return compare(left, comparison)
        case .rooted(let inner):
            let outer = rootAlias
            rootAlias = alias
            defer { rootAlias = outer }
            return boolExp(inner, alias: alias)
        case .relationship(let relationship, let target, let inner):
            let child = nextAlias("t")
            let condition = boolExp(inner.conjoined(with: rowFilter(target)), alias: child)
            return
                "EXISTS (SELECT 1 FROM \(dialect.table(target.key.name)) AS \(ident: child) WHERE \(joinCondition(relationship, parent: alias, child: child)) AND \(condition))"
        case .exists(let target, let inner):
            let child = nextAlias("t")
            let condition = boolExp(inner, alias: child)
            return "EXISTS (SELECT 1 FROM \(dialect.table(target.key.name)) AS \(ident: child) WHERE \(condition))"
        case .aggregateCount(let relationship, let target, let columns, let distinct, let filter, let predicate):
            let child = nextAlias("t")
            var conditions = [joinCondition(relationship, parent: alias, child: child)]
            if let filter { conditions.append(boolExp(filter, alias: child)) }
            if let permitted = rowFilter(target) { conditions.append(boolExp(permitted, alias: child)) }
            let counted = count(columns.map { column(child, $0.name) }, distinct: distinct)
            let subquery: SQL =
                "(SELECT \(counted) FROM \(dialect.table(target.key.name)) AS \(ident: child) WHERE \(conditions.joined(separator: " AND ")))"
            let tests = predicate.map { compare(subquery, $0) }
            return tests.isEmpty ? "(1 = 1)" : "(" + tests.joined(separator: " AND ") + ")"
        }
    }

    /// `left <op> right` for one comparison operator.
    func compare(_ left: SQL, _ comparison: ComparisonIR) -> SQL {
        switch (comparison.op, comparison.operand) {
        case (.isNull, .flag(let isNull)):
            return isNull ? "(\(left) IS NULL)" : "(\(left) IS NOT NULL)"
        case (.in, .list(let values)):
            guard !values.isEmpty else { return "(1 = 0)" }
            return "(\(left) IN (\(values.map { SQL.parameter($0) }.joined(separator: ", "))))"
        case (.nin, .list(let values)):
            guard !values.isEmpty else { return "(1 = 1)" }
            return "(\(left) NOT IN (\(values.map { SQL.parameter($0) }.joined(separator: ", "))))"
        case (.in, .sessionList(let list, let elementType)):
            return "(\(left) IN (\(dialect.jsonArrayElements(SQL.parameter(list), as: elementType))))"
        case (.nin, .sessionList(let list, let elementType)):
            return "(\(left) NOT IN (\(dialect.jsonArrayElements(SQL.parameter(list), as: elementType))))"
        case (.hasKeysAll, .list(let keys)), (.hasKeysAny, .list(let keys)):
            return "(" + dialect.jsonKeysComparison(comparison.op, left, keys.map { SQL.parameter($0) }) + ")"
        case (let op, .value(let value)):
            return compare(left, op, SQL.parameter(value))
        default:
            return "(1 = 0)"
        }
    }

    /// `left <op> right` for a comparison between two SQL values.
    func compare(_ left: SQL, _ op: ComparisonOperator, _ right: SQL) -> SQL {
        switch op {
        case .eq: "(\(left) = \(right))"
        case .neq: "(\(left) <> \(right))"
        case .gt: "(\(left) > \(right))"
        case .gte: "(\(left) >= \(right))"
        case .lt: "(\(left) < \(right))"
        case .lte: "(\(left) <= \(right))"
        default: "(" + dialect.textOrJSONComparison(op, left, right) + ")"
        }
    }
}
