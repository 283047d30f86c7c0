import GRDB
public import MinistackCore

extension SQLiteDriver {
    /// Reads every table and view of the `main` schema into a `Catalog`.
    ///
    /// SQLite's own tables (`sqlite_…`), ministack's catalog tables (`ministack_…`) and
    /// the shadow tables behind virtual tables are left out. SQLite names few
    /// constraints, so the names Hasura shows (`on_conflict.constraint`, relationship
    /// suggestions) are synthesized the way Postgres would have named them:
    ///
    /// - primary key: `<table>_pkey`;
    /// - `UNIQUE (a, b)` in the table definition: `<table>_a_b_key`;
    /// - `CREATE UNIQUE INDEX name …`: the index's own name (partial and expression
    ///   indexes are skipped: they cannot be an `on_conflict` target);
    /// - foreign key on `(a, b)`: `<table>_a_b_fkey`.
    ///
    /// A synthesized name already taken in the table gets a number, as Postgres does
    /// (`<table>_a_key1`). Names are not truncated to 63 bytes.
    ///
    /// Columns keep their declared order and their declared type text (`VARCHAR(20)`),
    /// mapped with `ScalarType.fromSQLite`. A primary-key column is never nullable; an
    /// `INTEGER PRIMARY KEY` (the rowid alias) has a default. A foreign key that omits its
    /// referenced columns refers to the referenced table's primary key. Everything else
    /// (tables, unique constraints, foreign keys) is sorted by name.
    public func introspect() async throws(DriverError) -> Catalog {
        try await perform { [writer] in
            try await writer.read { db in try SQLiteIntrospection(db: db).catalog() }
        }
    }
}

/// One introspection pass over a read connection (see `SQLiteDriver.introspect()`).
struct SQLiteIntrospection {
    let db: Database

    private struct TableEntry {
        var name: String
        var isView: Bool
        var isWithoutRowID: Bool
    }

    private struct ColumnEntry {
        var name: String
        var declaredType: String
        var isNotNull: Bool
        var hasDefaultValue: Bool
        var primaryKeyPosition: Int
        var hidden: Int
    }

    private struct IndexEntry {
        var name: String
        var isUnique: Bool
        var origin: String
        var isPartial: Bool
    }

    func catalog() throws -> Catalog {
        let allNames = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_list WHERE schema = 'main'")
        var tables: [CatalogTable] = []
        for entry in try userTables() {
            if entry.isView {
                // A view over a dropped table cannot be read; leave it out rather than fail the
                // whole catalog (model resolution reports it missing if metadata tracks it).
                guard let view = try? table(entry, allNames: allNames) else { continue }
                tables.append(view)
            } else {
                tables.append(try table(entry, allNames: allNames))
            }
        }
        return Catalog(tables: tables)
    }

    private func userTables() throws -> [TableEntry] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT name, type, wr FROM pragma_table_list
                WHERE schema = 'main' AND type IN ('table', 'view', 'virtual')
                  AND lower(substr(name, 1, 7)) <> 'sqlite_'
                  AND lower(substr(name, 1, 10)) <> 'ministack_'
                """)
        return
            rows
            .map { row in
                TableEntry(name: row["name"], isView: row["type"] == "view", isWithoutRowID: row["wr"] == 1)
            }
            .sorted { $0.name < $1.name }
    }

    private func table(_ entry: TableEntry, allNames: [String]) throws -> CatalogTable {
        let columns = try columnEntries(entry.name)
        let primaryKey =
            columns
            .filter { $0.primaryKeyPosition > 0 }
            .sorted { $0.primaryKeyPosition < $1.primaryKeyPosition }
            .map(\.name)
        let indexes = entry.isView ? [] : try indexEntries(entry.name)
        let hasRowIDAlias =
            !entry.isView && !entry.isWithoutRowID && primaryKey.count == 1
            && !indexes.contains { $0.origin == "pk" }
            && columns.first { $0.name == primaryKey[0] }?.declaredType.uppercased() == "INTEGER"

        var names = ConstraintNames()
        let primaryKeyName = primaryKey.isEmpty ? nil : names.claim("\(entry.name)_pkey")
        let uniques = try uniqueConstraints(entry.name, indexes: indexes, names: &names)
        let foreignKeys = entry.isView ? [] : try foreignKeys(entry.name, allNames: allNames, names: &names)

        return CatalogTable(
            name: QualifiedTableName(schema: "main", name: entry.name),
            columns: columns.filter { $0.hidden != 1 }.map { column in
                let isPrimaryKey = column.primaryKeyPosition > 0
                return CatalogColumn(
                    name: column.name,
                    databaseType: column.declaredType,
                    scalar: ScalarType.fromSQLite(column.declaredType),
                    isNullable: !column.isNotNull && !isPrimaryKey,
                    hasDefault: column.hasDefaultValue || (hasRowIDAlias && isPrimaryKey),
                    isGenerated: column.hidden == 2 || column.hidden == 3
                )
            },
            primaryKey: primaryKey,
            primaryKeyConstraintName: primaryKeyName,
            uniqueConstraints: uniques,
            foreignKeys: foreignKeys,
            isView: entry.isView
        )
    }

    private func columnEntries(_ table: String) throws -> [ColumnEntry] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT name, type, "notnull", dflt_value, pk, hidden
                FROM pragma_table_xinfo(?) ORDER BY cid
                """,
            arguments: [table]
        ).map { row in
            ColumnEntry(
                name: row["name"],
                declaredType: Self.declaredType(row["type"] ?? ""),
                isNotNull: row["notnull"] == 1,
                hasDefaultValue: !row.hasNull(atIndex: 3),
                primaryKeyPosition: row["pk"],
                hidden: row["hidden"]
            )
        }
    }

    /// The declared type as written, without the `GENERATED ALWAYS` that SQLite keeps in
    /// the type text of a generated column.
    private static func declaredType(_ text: String) -> String {
        var type = text.trimmingWhitespace()
        let suffix = "GENERATED ALWAYS"
        if type.uppercased().hasSuffix(suffix) {
            type = String(type.dropLast(suffix.count)).trimmingWhitespace()
        }
        return type
    }

    private func indexEntries(_ table: String) throws -> [IndexEntry] {
        try Row.fetchAll(
            db, sql: #"SELECT name, "unique", origin, partial FROM pragma_index_list(?)"#, arguments: [table]
        ).map { row in
            IndexEntry(
                name: row["name"], isUnique: row["unique"] == 1, origin: row["origin"], isPartial: row["partial"] == 1)
        }
    }

    private func uniqueConstraints(
        _ table: String, indexes: [IndexEntry], names: inout ConstraintNames
    ) throws -> [UniqueConstraint] {
        let candidates = indexes.filter { $0.isUnique && !$0.isPartial && ($0.origin == "u" || $0.origin == "c") }
        var columnsByIndex: [(IndexEntry, [String])] = []
        for index in candidates.sorted(by: { $0.name < $1.name }) {
            let rows = try Row.fetchAll(
                db, sql: "SELECT name FROM pragma_index_info(?) ORDER BY seqno", arguments: [index.name])
            let columns = rows.compactMap { $0["name"] as String? }
            guard !columns.isEmpty, columns.count == rows.count else { continue }  // expression index
            columnsByIndex.append((index, columns))
        }
        // Index names are the user's own: reserve them before synthesizing any.
        for (index, _) in columnsByIndex where index.origin == "c" { names.reserve(index.name) }
        return
            columnsByIndex
            .map { index, columns in
                let name =
                    index.origin == "c"
                    ? index.name : names.claim("\(table)_\(columns.joined(separator: "_"))_key")
                return UniqueConstraint(name: name, columns: columns)
            }
            .sorted { $0.name < $1.name }
    }

    private func foreignKeys(
        _ table: String, allNames: [String], names: inout ConstraintNames
    ) throws -> [MinistackCore.ForeignKey] {
        let rows = try Row.fetchAll(
            db,
            sql: #"SELECT id, "table", "from", "to" FROM pragma_foreign_key_list(?) ORDER BY id, seq"#,
            arguments: [table])
        var groups: [(id: Int, table: String, from: [String], to: [String?])] = []
        for row in rows {
            let id: Int = row["id"]
            if groups.last?.id != id { groups.append((id, row["table"], [], [])) }
            groups[groups.count - 1].from.append(row["from"])
            groups[groups.count - 1].to.append(row["to"])
        }
        var foreignKeys: [MinistackCore.ForeignKey] = []
        for group in groups {
            // SQLite compares table names without case; use the name as the table spells it.
            let referenced = allNames.first { $0.lowercased() == group.table.lowercased() } ?? group.table
            let explicit = group.to.compactMap { $0 }
            let referencedColumns = explicit.count == group.to.count ? explicit : try primaryKey(of: referenced)
            guard referencedColumns.count == group.from.count else { continue }  // unusable: SQLite rejects it too
            foreignKeys.append(
                MinistackCore.ForeignKey(
                    name: names.claim("\(table)_\(group.from.joined(separator: "_"))_fkey"),
                    columns: group.from,
                    referencedTable: QualifiedTableName(schema: "main", name: referenced),
                    referencedColumns: referencedColumns
                ))
        }
        return foreignKeys.sorted { $0.name < $1.name }
    }

    private func primaryKey(of table: String) throws -> [String] {
        try String.fetchAll(
            db, sql: "SELECT name FROM pragma_table_xinfo(?) WHERE pk > 0 ORDER BY pk", arguments: [table])
    }
}

/// Constraint names already used in one table, so a synthesized name never repeats.
private struct ConstraintNames {
    private var used: Set<String> = []

    mutating func reserve(_ name: String) { used.insert(name) }

    /// `name`, or `name1`, `name2`… if taken, as Postgres's `ChooseConstraintName` does.
    mutating func claim(_ name: String) -> String {
        var candidate = name
        var number = 0
        while used.contains(candidate) {
            number += 1
            candidate = "\(name)\(number)"
        }
        used.insert(candidate)
        return candidate
    }
}
