import MinistackCore
import OrderedCollections

/// Runs a mutation's root fields in document order inside one transaction and writes the
/// `data` object. Nested inserts need each written row's keys before the next statement,
/// so this is the one place statements are sequenced by results; their SQL comes from
/// `MutationStatements` in the core.
struct MutationExecutor {
    let statements: MutationStatements
    let variables: [String: JSONValue]
    let session: Session
    let transaction: any DatabaseTransaction

    /// The body of `data`: `{"alias": …, …}`.
    func run(_ mutation: MutationIR) async throws -> String {
        var body = "{"
        for (index, (alias, field)) in mutation.rootFields.enumerated() {
            if index > 0 { body += "," }
            JSONValue.writeString(alias, to: &body)
            body += ":"
            switch field {
            case .constant(let text):
                JSONValue.writeString(text, to: &body)
            case .action, .remote:
                // Run by the engine between transactions, never inside one.
                body += "null"
            case .insert(let insert, let output):
                var written: [[String: JSONValue]] = []
                let count: Int
                do {
                    count = try await self.insert(insert, extraValues: [], written: &written)
                } catch let error as DriverError {
                    throw HasuraError(error, path: insert.path)
                }
                body += try await answer(output, table: insert.table, rows: written, affectedRows: count)
            case .update(let update, let output):
                let rows = try await self.update(update)
                body += try await answer(output, table: update.table, rows: rows, affectedRows: rows.count)
            case .updateMany(let updates, let response):
                var answers: [String] = []
                for update in updates {
                    let rows = try await self.update(update)
                    answers.append(
                        try await answer(.response(response), table: update.table, rows: rows, affectedRows: rows.count)
                    )
                }
                body += "[" + answers.joined(separator: ",") + "]"
            case .delete(let delete, let output):
                // `returning` shows the rows as they were, so it is read before they go.
                var before: [String: String] = [:]
                for (alias, fields) in output.returningSelections {
                    let rows = try await fetch(statements.select(fields, of: delete.table, matching: delete.filter))
                    before[alias] = rows.first?.first.flatMap { $0 } ?? "[]"
                }
                let deleted = try await write(statements.delete(delete))
                body += try answerForDelete(output, before: before, affectedRows: deleted.count)
            }
        }
        return body + "}"
    }

    /// Runs an update; one with nothing to set changes nothing and runs no statement, as on Hasura.
    func update(_ update: UpdateIR) async throws -> [[String: JSONValue]] {
        guard !update.assignments.isEmpty else { return [] }
        let rows = try await write(statements.update(update))
        if let check = update.check {
            try await verify(check, table: update.table, rows: rows, path: update.path)
        }
        return rows
    }

    /// Fails the mutation (rolling the transaction back) when a written row breaks the role's `check`.
    func verify(_ check: BoolExpIR, table: ResolvedTable, rows: [[String: JSONValue]], path: String)
        async throws
    {
        guard !rows.isEmpty else { return }
        guard try await fetchCount(statements.countFailing(check, table: table, rows: rows)) == 0 else {
            throw HasuraError(
                .permissionError, "check constraint of an insert/update permission has failed", path: path)
        }
    }

    /// The number a `SELECT count(*)` answers (-1 when it answers nothing readable).
    func fetchCount(_ statement: PreparedStatement) async throws -> Int {
        (try await fetch(statement).first?.first ?? nil).flatMap { Int($0) } ?? -1
    }

    // MARK: Inserts

    /// Inserts every row (nested rows first or after, as their relationship requires) and
    /// returns how many rows were written in all; `written` gets this table's rows.
    func insert(_ insert: InsertIR, extraValues: [(ResolvedColumn, JSONValue)], written: inout [[String: JSONValue]])
        async throws -> Int
    {
        var count = 0
        // This table's rows in order, and whether an upsert updated each rather than inserted it
        // (an updated row answers to the update check, an inserted one to the insert check).
        var writtenHere: [(row: [String: JSONValue], updated: Bool)] = []
        defer { written += writtenHere.map(\.row) }
        for row in insert.rows {
            var values = row.values
            for (column, value) in extraValues {
                values.removeAll { $0.column.name == column.name }
                values.append(
                    (
                        column,
                        SQLParameter(source: .literal(value), scalar: column.scalar, databaseType: column.databaseType)
                    ))
            }
            for (relationship, nested) in row.objectRelationships {
                var parents: [[String: JSONValue]] = []
                count += try await self.insert(nested, extraValues: [], written: &parents)
                guard let parent = parents.first else { continue }
                for pair in relationship.mapping {
                    guard let local = insert.table.column(named: pair.local),
                        let remote = nested.table.column(named: pair.remote)
                    else { continue }
                    values.removeAll { $0.column.name == local.name }
                    values.append(
                        (
                            local,
                            SQLParameter(
                                source: .literal(parent[remote.fieldName] ?? .null), scalar: local.scalar,
                                databaseType: local.databaseType)
                        ))
                }
            }
            // Whether the upsert will update an existing row, when that decides which check applies.
            var conflicts = false
            if let onConflict = insert.onConflict, !onConflict.updateColumns.isEmpty,
                insert.check != nil || onConflict.updateCheck != nil,
                let probe = statements.countConflicting(
                    table: insert.table, constraint: onConflict.constraint, values: values)
            {
                conflicts = try await fetchCount(probe) > 0
            }
            let rows = try await write(
                statements.insert(into: insert.table, values: values, onConflict: insert.onConflict))
            guard let inserted = rows.first else { continue }
            count += 1
            writtenHere.append((inserted, conflicts))
            for (relationship, nested) in row.arrayRelationships {
                var keys: [(ResolvedColumn, JSONValue)] = []
                for pair in relationship.mapping {
                    guard let local = insert.table.column(named: pair.local),
                        let remote = nested.table.column(named: pair.remote)
                    else { continue }
                    keys.append((remote, inserted[local.fieldName] ?? .null))
                }
                var children: [[String: JSONValue]] = []
                count += try await self.insert(nested, extraValues: keys, written: &children)
            }
        }
        if let check = insert.check {
            let inserted = writtenHere.filter { !$0.updated }.map(\.row)
            try await verify(check, table: insert.table, rows: inserted, path: insert.path)
        }
        if let check = insert.onConflict?.updateCheck {
            let updated = writtenHere.filter(\.updated).map(\.row)
            try await verify(check, table: insert.table, rows: updated, path: insert.path)
        }
        return count
    }

    // MARK: Answers

    /// A mutation response or single row for the rows a write returned, read back now.
    func answer(_ output: MutationOutput, table: ResolvedTable, rows: [[String: JSONValue]], affectedRows: Int)
        async throws -> String
    {
        switch output {
        case .singleRow(let fields):
            guard let row = rows.first else { return "null" }
            return try await reread(fields, table: table, rows: [row]).first ?? "null"
        case .response(let fields):
            var returning: [String: String] = [:]
            for (alias, rowFields) in output.returningSelections {
                returning[alias] =
                    "[" + (try await reread(rowFields, table: table, rows: rows)).joined(separator: ",") + "]"
            }
            return Self.response(fields, affectedRows: affectedRows, returning: returning)
        }
    }

    /// The answer of a delete, whose `returning` was read before the rows went.
    func answerForDelete(_ output: MutationOutput, before: [String: String], affectedRows: Int) throws -> String {
        switch output {
        case .singleRow:
            guard affectedRows > 0, let text = before[""], case .array(let items)? = try? JSONParser.parse(text),
                let first = items.first
            else { return "null" }
            return first.serialized
        case .response(let fields):
            return Self.response(fields, affectedRows: affectedRows, returning: before)
        }
    }

    /// `{"affected_rows": …, "returning": …, "__typename": …}` in selection order.
    static func response(
        _ fields: [(alias: String, field: MutationResponseField)], affectedRows: Int, returning: [String: String]
    ) -> String {
        var body = "{"
        for (index, (alias, field)) in fields.enumerated() {
            if index > 0 { body += "," }
            JSONValue.writeString(alias, to: &body)
            body += ":"
            switch field {
            case .affectedRows: body += String(affectedRows)
            case .typename(let name): JSONValue.writeString(name, to: &body)
            case .returning: body += returning[alias] ?? "[]"
            }
        }
        return body + "}"
    }

    /// The selection's JSON for each written row, read again by primary key (so relationships
    /// see the state after the write); without a primary key, the written columns themselves.
    func reread(_ fields: [(alias: String, field: FieldIR)], table: ResolvedTable, rows: [[String: JSONValue]])
        async throws -> [String]
    {
        guard !rows.isEmpty else { return [] }
        guard !table.primaryKey.isEmpty else {
            return try rows.map { row in try Self.columnsOnly(fields, row: row, table: table) }
        }
        let keys = rows.map { row in table.primaryKey.map { row[$0.fieldName] ?? .null } }
        let answer = try await fetch(statements.select(fields, of: table, primaryKeys: keys))
        return (answer.first ?? []).map { $0 ?? "null" }
    }

    static func columnsOnly(_ fields: [(alias: String, field: FieldIR)], row: [String: JSONValue], table: ResolvedTable)
        throws -> String
    {
        var object: [(String, JSONValue)] = []
        for (alias, field) in fields {
            switch field {
            case .column(let column): object.append((alias, row[column.fieldName] ?? .null))
            case .typename(let name): object.append((alias, .string(name)))
            default:
                throw HasuraError(
                    .notSupported, "returning relationships of table \(table.key.name) needs a primary key")
            }
        }
        return JSONValue.fields(object).serialized
    }

    // MARK: Statements

    /// Runs a write and parses each returned row (GraphQL field name → value).
    func write(_ statement: PreparedStatement) async throws -> [[String: JSONValue]] {
        let rows = try await fetch(statement)
        var parsed: [[String: JSONValue]] = []
        for row in rows {
            guard let text = row.first ?? nil, case .object(let fields) = try JSONParser.parse(text) else { continue }
            var values: [String: JSONValue] = [:]
            for (key, value) in fields { values[key] = value }
            parsed.append(values)
        }
        return parsed
    }

    func fetch(_ statement: PreparedStatement) async throws -> [[String?]] {
        try await transaction.fetchRows(try ParameterBinding.bind(statement, variables: variables, session: session))
    }
}

extension MutationExecutor {
    /// A mutation of only `__typename`.
    static func constantsOnly(_ mutation: MutationIR) -> String {
        var object: [(String, JSONValue)] = []
        for (alias, field) in mutation.rootFields {
            if case .constant(let text) = field { object.append((alias, .string(text))) }
        }
        return JSONValue.fields(object).serialized
    }
}

extension MutationFieldIR {
    /// Actions and remote fields cannot join a database transaction.
    var runsOutsideTransactions: Bool {
        switch self {
        case .action, .remote: true
        default: false
        }
    }

    /// The table a field writes to.
    var table: ResolvedTable? {
        switch self {
        case .insert(let insert, _): insert.table
        case .update(let update, _): update.table
        case .updateMany(let updates, _): updates.first?.table
        case .delete(let delete, _): delete.table
        case .constant, .action, .remote: nil
        }
    }
}

extension MutationOutput {
    /// Each `returning` alias with its row fields; a single-row output is one selection under the alias "".
    var returningSelections: [(alias: String, fields: [(alias: String, field: FieldIR)])] {
        switch self {
        case .singleRow(let fields): return [("", fields)]
        case .response(let fields):
            return fields.compactMap { alias, field in
                if case .returning(let rowFields) = field { return (alias, rowFields) }
                return nil
            }
        }
    }
}
