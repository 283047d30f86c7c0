/// The statements a mutation runs, one at a time inside the request's transaction.
///
/// Writes return the affected rows as JSON objects keyed by GraphQL field name (every
/// column), so the engine can fill nested rows' foreign keys and find the rows again;
/// `returning` is then read with an ordinary selection, after the write, in the same transaction.
public struct MutationStatements: Sendable {
    let dialect: any SQLDialect

    public init(dialect: any SQLDialect) { self.dialect = dialect }

    /// `INSERT … [ON CONFLICT …] RETURNING <row>` for one row.
    public func insert(
        into table: ResolvedTable, values: [(column: ResolvedColumn, value: SQLParameter)], onConflict: OnConflictIR?
    ) -> PreparedStatement {
        var compiler = SQLCompiler(dialect: dialect)
        let alias = "_t0"
        var sql: SQL = "INSERT INTO \(dialect.table(table.key.name)) AS \(ident: alias)"
        if values.isEmpty {
            sql.append(" DEFAULT VALUES")
        } else {
            let columns = values.map { SQL.identifier($0.column.name) }.joined(separator: ", ")
            let parameters = values.map { SQL.parameter($0.value) }.joined(separator: ", ")
            sql.append(" (\(columns)) VALUES (\(parameters))")
        }
        if let onConflict {
            sql.append(conflictTarget(onConflict.constraint))
            if onConflict.updateColumns.isEmpty {
                sql.append(" DO NOTHING")
            } else {
                let presets = Set(onConflict.presets.map(\.column.name))
                let assignments =
                    onConflict.updateColumns.filter { !presets.contains($0.name) }.map {
                        "\(ident: $0.name) = \(dialect.excluded($0.name))" as SQL
                    }
                    + onConflict.presets.map { "\(ident: $0.column.name) = \(SQL.parameter($0.value))" as SQL }
                sql.append(" DO UPDATE SET \(assignments.joined(separator: ", "))")
                if let filter = onConflict.filter { sql.append(" WHERE \(compiler.boolExp(filter, alias: alias))") }
            }
        }
        return dialect.render(sql + " RETURNING " + returnedRow(table))
    }

    /// `SELECT count(*)` of the rows an upsert of `values` would conflict with on `constraint`
    /// (0 or 1), so the row it returns can be told inserted or updated; nil when a column of the
    /// constraint is not given (its default decides, and the row counts as inserted).
    public func countConflicting(
        table: ResolvedTable, constraint: UniqueConstraint, values: [(column: ResolvedColumn, value: SQLParameter)]
    ) -> PreparedStatement? {
        var compiler = SQLCompiler(dialect: dialect)
        let alias = "_t0"
        var terms: [BoolExpIR] = []
        for name in constraint.columns {
            guard let given = values.first(where: { $0.column.name == name }) else { return nil }
            terms.append(
                .compare(
                    ColumnOperand(column: given.column, castToText: false),
                    ComparisonIR(op: .eq, operand: .value(given.value))))
        }
        let condition = compiler.boolExp(.and(terms), alias: alias)
        return dialect.render(
            "SELECT count(*) FROM \(dialect.table(table.key.name)) AS \(ident: alias) WHERE \(condition)")
    }

    /// `UPDATE … SET … WHERE … RETURNING <row>`.
    public func update(_ update: UpdateIR) -> PreparedStatement {
        var compiler = SQLCompiler(dialect: dialect)
        let alias = "_t0"
        let assignments = update.assignments.map { assignment -> SQL in
            let current = compiler.column(alias, assignment.column.name)
            let value = assignment.values.first.map(SQL.parameter) ?? "NULL"
            let expression: SQL
            switch assignment.op {
            case .set: expression = value
            case .inc: expression = "\(current) + \(value)"
            case .append: expression = "\(current) || \(value)"
            case .prepend: expression = "\(value) || \(current)"
            case .deleteKey, .deleteElem: expression = "\(current) - \(value)"
            case .deleteAtPath:
                expression =
                    "\(current) #- ARRAY[\(assignment.values.map(SQL.parameter).joined(separator: ", "))]::text[]"
            }
            return "\(ident: assignment.column.name) = \(expression)"
        }
        let filter = compiler.boolExp(update.filter, alias: alias)
        let sql: SQL =
            "UPDATE \(dialect.table(update.table.key.name)) AS \(ident: alias) SET \(assignments.joined(separator: ", ")) WHERE \(filter) RETURNING "
        return dialect.render(sql + returnedRow(update.table))
    }

    /// `DELETE … WHERE … RETURNING <row>`.
    public func delete(_ delete: DeleteIR) -> PreparedStatement {
        var compiler = SQLCompiler(dialect: dialect)
        let alias = "_t0"
        let filter = compiler.boolExp(delete.filter, alias: alias)
        let sql: SQL =
            "DELETE FROM \(dialect.table(delete.table.key.name)) AS \(ident: alias) WHERE \(filter) RETURNING "
        return dialect.render(sql + returnedRow(delete.table))
    }

    /// One column per row: the selection's JSON object of the row with these primary key values
    /// (NULL when it no longer exists), so `returning` keeps the order rows were written in.
    public func select(_ fields: [(alias: String, field: FieldIR)], of table: ResolvedTable, primaryKeys: [[JSONValue]])
        -> PreparedStatement
    {
        var compiler = SQLCompiler(dialect: dialect)
        let columns = primaryKeys.enumerated().map { index, key -> SQL in
            let conditions = zip(table.primaryKey, key).map { column, value in
                BoolExpIR.compare(
                    ColumnOperand(column: column, castToText: false),
                    ComparisonIR(
                        op: .eq,
                        operand: .value(
                            SQLParameter(
                                source: .literal(value), scalar: column.scalar, databaseType: column.databaseType))))
            }
            var arguments = SelectArguments()
            arguments.filter = .and(conditions)
            let one = compiler.selectOne(
                SelectionIR(table: table, arguments: arguments, fields: fields), correlatedTo: nil)
            return dialect.resultColumn(one) + " AS " + .identifier("r\(index)")
        }
        return dialect.render(columns.isEmpty ? "SELECT 1" : "SELECT " + columns.joined(separator: ", "))
    }

    /// The selection's JSON array of the rows matching `filter` (`returning` of a delete, read before it).
    public func select(_ fields: [(alias: String, field: FieldIR)], of table: ResolvedTable, matching filter: BoolExpIR)
        -> PreparedStatement
    {
        var compiler = SQLCompiler(dialect: dialect)
        var arguments = SelectArguments()
        arguments.filter = filter
        let many = compiler.selectMany(
            SelectionIR(table: table, arguments: arguments, fields: fields), correlatedTo: nil)
        return dialect.render("SELECT " + dialect.resultColumn(many))
    }

    /// `SELECT count(*)` of the written `rows` (found again by primary key, or else by every
    /// non-JSON column) that do not satisfy a permission's `check`.
    public func countFailing(_ check: BoolExpIR, table: ResolvedTable, rows: [[String: JSONValue]])
        -> PreparedStatement
    {
        var compiler = SQLCompiler(dialect: dialect)
        let alias = "_t0"
        let keyColumns = table.primaryKey.isEmpty ? table.columns.filter { !$0.scalar.isJSON } : table.primaryKey
        let matches = rows.map { row -> BoolExpIR in
            .and(
                keyColumns.map { column in
                    let operand = ColumnOperand(column: column, castToText: false)
                    guard let value = row[column.fieldName], !value.isNull else {
                        return .compare(operand, ComparisonIR(op: .isNull, operand: .flag(true)))
                    }
                    return .compare(
                        operand,
                        ComparisonIR(
                            op: .eq,
                            operand: .value(
                                SQLParameter(
                                    source: .literal(value), scalar: column.scalar, databaseType: column.databaseType)))
                    )
                })
        }
        let written = compiler.boolExp(.or(matches), alias: alias)
        let passes = compiler.boolExp(check, alias: alias)
        return dialect.render(
            "SELECT count(*) FROM \(dialect.table(table.key.name)) AS \(ident: alias) WHERE \(written) AND (CASE WHEN \(passes) THEN 1 ELSE 0 END) = 0"
        )
    }

    /// Every column of the written row as a JSON object keyed by GraphQL field name.
    func returnedRow(_ table: ResolvedTable) -> SQL {
        dialect.resultColumn(
            dialect.jsonObject(
                table.columns.map { ($0.fieldName, dialect.columnValue(.identifier($0.name), scalar: $0.scalar)) }))
    }

    func conflictTarget(_ constraint: UniqueConstraint) -> SQL {
        dialect.kind == .postgres
            ? " ON CONFLICT ON CONSTRAINT \(ident: constraint.name)"
            : " ON CONFLICT (\(constraint.columns.map { SQL.identifier($0) }.joined(separator: ", ")))"
    }
}
