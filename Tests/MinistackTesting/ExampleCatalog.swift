public import MinistackCore

/// The example project's catalog as each driver introspects it, written out so the core's
/// golden tests need no database. `ExampleCatalogTests` checks it against the real drivers.
public enum ExampleCatalog {
    /// One column: name, Postgres type (as `format_type` spells it), SQLite declared type.
    struct Column {
        var name: String
        var postgres: String
        var sqlite: String
        var nullable: Bool
        var hasDefault = false
    }

    static let tables:
        [(
            name: String, columns: [Column], primaryKey: [String], unique: [[String]],
            foreignKeys: [(columns: [String], table: String, referenced: [String])]
        )] = [
            (
                "author",
                [
                    Column(name: "id", postgres: "integer", sqlite: "INTEGER", nullable: false, hasDefault: true),
                    Column(name: "name", postgres: "text", sqlite: "TEXT", nullable: false),
                    Column(name: "email", postgres: "text", sqlite: "TEXT", nullable: true),
                    Column(name: "bio", postgres: "text", sqlite: "TEXT", nullable: true),
                    Column(name: "rating", postgres: "numeric", sqlite: "NUMERIC", nullable: true),
                    Column(
                        name: "is_active", postgres: "boolean", sqlite: "BOOLEAN", nullable: false, hasDefault: true),
                    Column(name: "born", postgres: "date", sqlite: "DATE", nullable: true),
                    Column(
                        name: "created_at", postgres: "timestamp with time zone", sqlite: "TIMESTAMPTZ",
                        nullable: false, hasDefault: true),
                    Column(name: "profile", postgres: "jsonb", sqlite: "JSONB", nullable: true),
                    Column(name: "followers", postgres: "bigint", sqlite: "BIGINT", nullable: false, hasDefault: true),
                    Column(name: "score", postgres: "double precision", sqlite: "DOUBLE PRECISION", nullable: true),
                    Column(name: "external_id", postgres: "uuid", sqlite: "UUID", nullable: false),
                ],
                ["id"], [["email"], ["external_id"]], []
            ),
            (
                "article",
                [
                    Column(name: "id", postgres: "integer", sqlite: "INTEGER", nullable: false, hasDefault: true),
                    Column(name: "author_id", postgres: "integer", sqlite: "INTEGER", nullable: false),
                    Column(name: "title", postgres: "text", sqlite: "TEXT", nullable: false),
                    Column(name: "body", postgres: "text", sqlite: "TEXT", nullable: true),
                    Column(
                        name: "published", postgres: "boolean", sqlite: "BOOLEAN", nullable: false, hasDefault: true),
                    Column(name: "views", postgres: "bigint", sqlite: "BIGINT", nullable: false, hasDefault: true),
                    Column(
                        name: "published_at", postgres: "timestamp with time zone", sqlite: "TIMESTAMPTZ",
                        nullable: true),
                    Column(name: "metadata", postgres: "jsonb", sqlite: "JSONB", nullable: true),
                ],
                ["id"], [], [(["author_id"], "author", ["id"])]
            ),
            (
                "tag",
                [
                    Column(name: "id", postgres: "integer", sqlite: "INTEGER", nullable: false, hasDefault: true),
                    Column(name: "name", postgres: "text", sqlite: "TEXT", nullable: false),
                ],
                ["id"], [["name"]], []
            ),
            (
                "article_tag",
                [
                    Column(name: "article_id", postgres: "integer", sqlite: "INTEGER", nullable: false),
                    Column(name: "tag_id", postgres: "integer", sqlite: "INTEGER", nullable: false),
                ],
                ["article_id", "tag_id"], [], [(["article_id"], "article", ["id"]), (["tag_id"], "tag", ["id"])]
            ),
            (
                "comment",
                [
                    Column(name: "id", postgres: "integer", sqlite: "INTEGER", nullable: false, hasDefault: true),
                    Column(name: "article_id", postgres: "integer", sqlite: "INTEGER", nullable: false),
                    Column(name: "author_id", postgres: "integer", sqlite: "INTEGER", nullable: true),
                    Column(name: "body", postgres: "text", sqlite: "TEXT", nullable: false),
                    Column(
                        name: "created_at", postgres: "timestamp with time zone", sqlite: "TIMESTAMPTZ",
                        nullable: false, hasDefault: true),
                ],
                ["id"], [], [(["article_id"], "article", ["id"]), (["author_id"], "author", ["id"])]
            ),
        ]

    /// The catalog for `kind`, with Postgres- or SQLite-style constraint names.
    public static func make(_ kind: DatabaseKind) -> Catalog {
        let schema = kind == .postgres ? "public" : "main"
        return Catalog(
            tables: tables.map { table in
                CatalogTable(
                    name: QualifiedTableName(schema: schema, name: table.name),
                    columns: table.columns.map { column in
                        CatalogColumn(
                            name: column.name,
                            databaseType: kind == .postgres ? column.postgres : column.sqlite,
                            scalar: kind == .postgres
                                ? ScalarType.fromPostgres(postgresTypeName(column.postgres))
                                : ScalarType.fromSQLite(column.sqlite),
                            isNullable: column.nullable, hasDefault: column.hasDefault)
                    },
                    primaryKey: table.primaryKey, primaryKeyConstraintName: "\(table.name)_pkey",
                    uniqueConstraints: table.unique.map {
                        UniqueConstraint(name: "\(table.name)_\($0.joined(separator: "_"))_key", columns: $0)
                    },
                    foreignKeys: table.foreignKeys.map {
                        ForeignKey(
                            name: "\(table.name)_\($0.columns.joined(separator: "_"))_fkey", columns: $0.columns,
                            referencedTable: QualifiedTableName(schema: schema, name: $0.table),
                            referencedColumns: $0.referenced)
                    })
            })
    }

    /// `pg_type.typname` for the `format_type` spellings used above.
    static func postgresTypeName(_ formatted: String) -> String {
        switch formatted {
        case "integer": "int4"
        case "boolean": "bool"
        case "bigint": "int8"
        case "double precision": "float8"
        case "timestamp with time zone": "timestamptz"
        default: formatted
        }
    }
}
