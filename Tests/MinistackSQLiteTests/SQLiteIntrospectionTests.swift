import MinistackCore
import MinistackSQLite
import Testing

@Suite("SQLite introspection")
struct SQLiteIntrospectionTests {
    static let schema = """
        CREATE TABLE author (
            id INTEGER PRIMARY KEY,
            name VARCHAR(20) NOT NULL,
            email TEXT UNIQUE,
            joined_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
        );
        CREATE TABLE book (
            id BIGINT PRIMARY KEY,
            author_id INTEGER NOT NULL REFERENCES author,
            isbn UUID,
            title TEXT NOT NULL,
            UNIQUE (author_id, title)
        );
        CREATE UNIQUE INDEX book_isbn_idx ON book (isbn);
        CREATE UNIQUE INDEX book_title_when_isbn ON book (title) WHERE isbn IS NOT NULL;
        CREATE UNIQUE INDEX book_lower_title ON book (lower(title));
        CREATE INDEX book_title_idx ON book (title);
        CREATE TABLE edition (
            number INTEGER NOT NULL,
            book_id BIGINT NOT NULL REFERENCES book (id),
            printed_on DATE,
            PRIMARY KEY (book_id, number)
        );
        CREATE TABLE review (
            id INTEGER PRIMARY KEY,
            book INTEGER,
            edition_number INTEGER,
            body TEXT,
            FOREIGN KEY (book, edition_number) REFERENCES edition
        );
        CREATE TABLE tag (code INTEGER PRIMARY KEY, label TEXT) WITHOUT ROWID;
        CREATE TABLE all_types (
            t_integer INTEGER,
            t_bigint BIGINT,
            t_boolean BOOLEAN DEFAULT 0,
            t_numeric NUMERIC,
            t_real REAL,
            t_double DOUBLE PRECISION,
            t_text TEXT,
            t_varchar VARCHAR(20),
            t_uuid UUID,
            t_jsonb JSONB,
            t_timestamptz TIMESTAMPTZ,
            t_date DATE,
            t_untyped,
            t_doubled INTEGER GENERATED ALWAYS AS (t_integer * 2) VIRTUAL,
            t_stored TEXT GENERATED ALWAYS AS (upper(t_text)) STORED
        );
        CREATE VIEW author_names AS SELECT id, name FROM author;
        CREATE TABLE ministack_metadata (id INTEGER PRIMARY KEY, body TEXT);
        """

    static func catalog() async throws -> Catalog {
        let driver = try SQLiteDriver.inMemory()
        try await driver.executeScript(schema)
        return try await driver.introspect()
    }

    static func table(_ name: String) async throws -> CatalogTable {
        try #require(try await catalog()[QualifiedTableName(schema: "main", name: name)])
    }

    @Test("lists user tables and views in schema main, without sqlite_ and ministack_ tables")
    func tableNames() async throws {
        let names = try await Self.catalog().sortedTables.map(\.name.description)
        #expect(
            names == [
                "main.all_types", "main.author", "main.author_names", "main.book", "main.edition", "main.review",
                "main.tag",
            ])
    }

    @Test("columns keep declared order, declared type text, nullability and defaults")
    func authorColumns() async throws {
        let author = try await Self.table("author")
        #expect(
            author.columns == [
                CatalogColumn(name: "id", databaseType: "INTEGER", scalar: .int, isNullable: false, hasDefault: true),
                CatalogColumn(name: "name", databaseType: "VARCHAR(20)", scalar: .string, isNullable: false),
                CatalogColumn(name: "email", databaseType: "TEXT", scalar: .string, isNullable: true),
                CatalogColumn(
                    name: "joined_at", databaseType: "TIMESTAMPTZ", scalar: .timestamptz, isNullable: false,
                    hasDefault: true),
            ])
        #expect(author.primaryKey == ["id"])
        #expect(author.primaryKeyConstraintName == "author_pkey")
        #expect(author.isView == false)
        #expect(author.uniqueConstraints == [UniqueConstraint(name: "author_email_key", columns: ["email"])])
    }

    @Test("a composite primary key is in key order and its columns are not nullable")
    func compositePrimaryKey() async throws {
        let edition = try await Self.table("edition")
        #expect(edition.primaryKey == ["book_id", "number"])
        #expect(edition.primaryKeyConstraintName == "edition_pkey")
        #expect(edition.columns.map(\.name) == ["number", "book_id", "printed_on"])
        #expect(edition.columns.map(\.isNullable) == [false, false, true])
        // Only a single INTEGER PRIMARY KEY is the rowid alias with an implicit default.
        #expect(edition.columns.map(\.hasDefault) == [false, false, false])
    }

    @Test("a WITHOUT ROWID table's INTEGER PRIMARY KEY has no default")
    func withoutRowID() async throws {
        let tag = try await Self.table("tag")
        #expect(tag.primaryKey == ["code"])
        #expect(tag.column(named: "code")?.hasDefault == false)
        #expect(tag.column(named: "code")?.isNullable == false)
    }

    @Test(
        "unique constraints get Postgres names, unique indexes keep theirs, partial and expression indexes are skipped")
    func uniqueConstraints() async throws {
        let book = try await Self.table("book")
        #expect(
            book.uniqueConstraints == [
                UniqueConstraint(name: "book_author_id_title_key", columns: ["author_id", "title"]),
                UniqueConstraint(name: "book_isbn_idx", columns: ["isbn"]),
            ])
        #expect(book.primaryKey == ["id"])
        #expect(book.column(named: "id")?.hasDefault == false)  // BIGINT PRIMARY KEY is not the rowid alias
    }

    @Test("a foreign key without referenced columns refers to the referenced table's primary key")
    func implicitForeignKeyColumns() async throws {
        let book = try await Self.table("book")
        #expect(
            book.foreignKeys == [
                ForeignKey(
                    name: "book_author_id_fkey", columns: ["author_id"],
                    referencedTable: QualifiedTableName(schema: "main", name: "author"), referencedColumns: ["id"])
            ])
        let review = try await Self.table("review")
        #expect(
            review.foreignKeys == [
                ForeignKey(
                    name: "review_book_edition_number_fkey", columns: ["book", "edition_number"],
                    referencedTable: QualifiedTableName(schema: "main", name: "edition"),
                    referencedColumns: ["book_id", "number"])
            ])
    }

    @Test("a foreign key with explicit referenced columns")
    func explicitForeignKeyColumns() async throws {
        let edition = try await Self.table("edition")
        #expect(
            edition.foreignKeys == [
                ForeignKey(
                    name: "edition_book_id_fkey", columns: ["book_id"],
                    referencedTable: QualifiedTableName(schema: "main", name: "book"), referencedColumns: ["id"])
            ])
    }

    @Test("a view has its columns, no keys, and is marked as a view")
    func view() async throws {
        let view = try await Self.table("author_names")
        #expect(view.isView)
        #expect(view.columns.map(\.name) == ["id", "name"])
        #expect(view.columns.map(\.databaseType) == ["INTEGER", "VARCHAR(20)"])
        #expect(view.columns.map(\.isNullable) == [true, true])
        #expect(view.primaryKey.isEmpty)
        #expect(view.primaryKeyConstraintName == nil)
        #expect(view.foreignKeys.isEmpty && view.uniqueConstraints.isEmpty)
    }

    @Test("declared types map to Hasura scalars")
    func declaredTypes() async throws {
        let table = try await Self.table("all_types")
        let mapped = table.columns.map { "\($0.name): \($0.databaseType) → \($0.scalar)" }
        #expect(
            mapped == [
                "t_integer: INTEGER → Int",
                "t_bigint: BIGINT → bigint",
                "t_boolean: BOOLEAN → Boolean",
                "t_numeric: NUMERIC → numeric",
                "t_real: REAL → Float",
                "t_double: DOUBLE PRECISION → float8",
                "t_text: TEXT → String",
                "t_varchar: VARCHAR(20) → String",
                "t_uuid: UUID → uuid",
                "t_jsonb: JSONB → jsonb",
                "t_timestamptz: TIMESTAMPTZ → timestamptz",
                "t_date: DATE → date",
                "t_untyped:  → String",
                "t_doubled: INTEGER → Int",
                "t_stored: TEXT → String",
            ])
        #expect(table.primaryKey.isEmpty && table.primaryKeyConstraintName == nil)
        #expect(table.column(named: "t_boolean")?.hasDefault == true)
        #expect(table.column(named: "t_integer")?.hasDefault == false)
    }

    @Test("generated columns are marked generated, others are not")
    func generatedColumns() async throws {
        let table = try await Self.table("all_types")
        let generated = table.columns.filter(\.isGenerated).map(\.name)
        #expect(generated == ["t_doubled", "t_stored"])
    }

    @Test("synthesized names that collide get a number, as in Postgres")
    func collidingNames() async throws {
        let driver = try SQLiteDriver.inMemory()
        try await driver.executeScript(
            """
            CREATE TABLE a (id INTEGER PRIMARY KEY);
            CREATE TABLE b (id INTEGER PRIMARY KEY);
            CREATE TABLE c (x INTEGER REFERENCES a (id), FOREIGN KEY (x) REFERENCES b (id));
            """)
        let table = try #require(try await driver.introspect()[QualifiedTableName(schema: "main", name: "c")])
        #expect(table.foreignKeys.map(\.name) == ["c_x_fkey", "c_x_fkey1"])
        #expect(Set(table.foreignKeys.map(\.referencedTable.name)) == ["a", "b"])
    }

    @Test("a view over a dropped table is left out instead of failing introspection")
    func brokenView() async throws {
        let driver = try SQLiteDriver.inMemory()
        try await driver.executeScript(
            """
            CREATE TABLE gone (id INTEGER PRIMARY KEY);
            CREATE TABLE kept (id INTEGER PRIMARY KEY);
            CREATE VIEW gone_ids AS SELECT id FROM gone;
            DROP TABLE gone;
            """)
        #expect(try await driver.introspect().sortedTables.map(\.name.name) == ["kept"])
    }

    @Test("introspection is deterministic")
    func deterministic() async throws {
        let first = try await Self.catalog()
        let second = try await Self.catalog()
        #expect(first == second)
    }
}
