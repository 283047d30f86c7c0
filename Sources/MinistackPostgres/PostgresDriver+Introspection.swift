public import MinistackCore
import PostgresNIO

/// Reading the catalog: two queries (relations with their columns; keys and foreign
/// keys) in one read-only, repeatable-read transaction, so both see the same schema.
extension PostgresDriver {
    /// Tables, views, materialized views and foreign tables of every user schema.
    ///
    /// Columns come in `attnum` order; `databaseType` is `format_type(atttypid, NULL)`
    /// evaluated with an empty `search_path`, so built-in types read `integer`,
    /// `character varying`, `timestamp with time zone` and user types are schema-qualified
    /// (`public.mood`) — always valid in a `$n::type` cast. Primary keys, unique constraints
    /// and foreign keys list their columns in key order; constraints are sorted by name.
    public func introspect() async throws(DriverError) -> Catalog {
        var relations: [RelationRow] = []
        var constraints: [ConstraintRow] = []
        do {
            try await withTransaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { connection, logger in
                try await connection.query("SET LOCAL search_path = ''", logger: logger).drain()
                let relationRows = try await connection.query(
                    PostgresQuery(unsafeSQL: Self.relationsSQL), logger: logger)
                for try await row in relationRows.decode(RelationRow.Columns.self) {
                    relations.append(RelationRow(row))
                }
                let constraintRows = try await connection.query(
                    PostgresQuery(unsafeSQL: Self.constraintsSQL), logger: logger)
                for try await row in constraintRows.decode(ConstraintRow.Columns.self) {
                    constraints.append(ConstraintRow(row))
                }
            }
        } catch {
            throw await classify(error)
        }
        return Self.assembleCatalog(relations: relations, constraints: constraints)
    }

    /// Builds tables from the two result sets (both arrive sorted, columns in `attnum` order).
    static func assembleCatalog(relations: [RelationRow], constraints: [ConstraintRow]) -> Catalog {
        var order: [QualifiedTableName] = []
        var tables: [QualifiedTableName: CatalogTable] = [:]
        for row in relations {
            let name = QualifiedTableName(schema: row.schema, name: row.table)
            if tables[name] == nil {
                order.append(name)
                tables[name] = CatalogTable(name: name, columns: [], isView: row.kind == "v" || row.kind == "m")
            }
            guard let column = row.column else { continue }
            tables[name]?.columns.append(column)
        }
        for constraint in constraints {
            let name = QualifiedTableName(schema: constraint.schema, name: constraint.table)
            guard tables[name] != nil else { continue }
            switch constraint.kind {
            case "p":
                tables[name]?.primaryKey = constraint.columns
                tables[name]?.primaryKeyConstraintName = constraint.name
            case "u":
                tables[name]?.uniqueConstraints.append(
                    UniqueConstraint(name: constraint.name, columns: constraint.columns))
            case "f":
                guard let referencedSchema = constraint.referencedSchema,
                    let referencedTable = constraint.referencedTable
                else { continue }
                tables[name]?.foreignKeys.append(
                    ForeignKey(
                        name: constraint.name, columns: constraint.columns,
                        referencedTable: QualifiedTableName(schema: referencedSchema, name: referencedTable),
                        referencedColumns: constraint.referencedColumns))
            default:
                continue
            }
        }
        return Catalog(tables: order.compactMap { tables[$0] })
    }

    static let userSchemaFilter = """
        n.nspname NOT IN ('pg_catalog', 'information_schema', 'ministack', 'hdb_catalog')
          AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
        """

    /// One row per column (or one row with NULL columns for a relation without columns).
    static let relationsSQL = """
        SELECT n.nspname::text, c.relname::text, c.relkind::text,
               a.attname::text, pg_catalog.format_type(a.atttypid, NULL), t.typname::text,
               a.attnotnull,
               (a.atthasdef OR a.attidentity <> ''),
               (a.attgenerated = 's' OR a.attidentity = 'a')
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        LEFT JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
          AND \(userSchemaFilter)
        ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C", a.attnum
        """

    /// Primary keys, unique constraints and foreign keys, columns in key order.
    static let constraintsSQL = """
        SELECT con.contype::text, n.nspname::text, c.relname::text, con.conname::text,
               ARRAY(SELECT a.attname::text
                     FROM pg_catalog.unnest(con.conkey) WITH ORDINALITY AS k(attnum, position)
                     JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
                     ORDER BY k.position),
               rn.nspname::text, rc.relname::text,
               ARRAY(SELECT a.attname::text
                     FROM pg_catalog.unnest(con.confkey) WITH ORDINALITY AS k(attnum, position)
                     JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
                     ORDER BY k.position)
        FROM pg_catalog.pg_constraint con
        JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
        LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
        WHERE con.contype IN ('p', 'u', 'f')
          AND \(userSchemaFilter)
        ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C", con.contype, con.conname COLLATE "C"
        """
}

/// One row of `relationsSQL`.
struct RelationRow: Sendable {
    typealias Columns = (String, String, String, String?, String?, String?, Bool?, Bool?, Bool?)

    var schema: String
    var table: String
    /// `pg_class.relkind`: `r` table, `p` partitioned table, `v` view, `m` materialized view, `f` foreign table.
    var kind: String
    var column: CatalogColumn?

    init(_ row: Columns) {
        let (schema, table, kind, name, databaseType, typeName, notNull, hasDefault, isGenerated) = row
        self.schema = schema
        self.table = table
        self.kind = kind
        if let name, let databaseType, let typeName {
            column = CatalogColumn(
                name: name, databaseType: databaseType, scalar: ScalarType.fromPostgres(typeName),
                isNullable: !(notNull ?? false), hasDefault: hasDefault ?? false, isGenerated: isGenerated ?? false)
        }
    }
}

/// One row of `constraintsSQL`.
struct ConstraintRow: Sendable {
    typealias Columns = (String, String, String, String, [String], String?, String?, [String])

    /// `pg_constraint.contype`: `p`, `u` or `f`.
    var kind: String
    var schema: String
    var table: String
    var name: String
    var columns: [String]
    var referencedSchema: String?
    var referencedTable: String?
    var referencedColumns: [String]

    init(_ row: Columns) {
        (kind, schema, table, name, columns, referencedSchema, referencedTable, referencedColumns) = row
    }
}
