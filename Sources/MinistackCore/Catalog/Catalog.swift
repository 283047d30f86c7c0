/// Which database engine a source runs on; decides the SQL dialect and type mapping.
public enum DatabaseKind: String, Sendable, Hashable, Codable {
    case postgres
    case sqlite
}

/// A table's name within its database: `schema` is `public` (Postgres) or `main` (SQLite) by default.
public struct QualifiedTableName: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var schema: String
    public var name: String

    public init(schema: String, name: String) {
        self.schema = schema
        self.name = name
    }

    public var description: String { "\(schema).\(name)" }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.schema, lhs.name) < (rhs.schema, rhs.name)
    }
}

/// What the database says about its tables: the input, with metadata, to model resolution.
///
/// Produced by a driver's `introspect()`; a plain value, so resolution and schema
/// building can be tested without a database.
public struct Catalog: Sendable, Hashable {
    public var tables: [QualifiedTableName: CatalogTable]

    public init(tables: [CatalogTable]) {
        self.tables = Dictionary(tables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public subscript(name: QualifiedTableName) -> CatalogTable? { tables[name] }

    /// Tables in a stable order (schema, then name).
    public var sortedTables: [CatalogTable] { tables.values.sorted { $0.name < $1.name } }
}

/// One table or view as introspected.
public struct CatalogTable: Sendable, Hashable {
    public var name: QualifiedTableName
    /// Columns in their declared order.
    public var columns: [CatalogColumn]
    public var primaryKey: [String]
    public var primaryKeyConstraintName: String?
    public var uniqueConstraints: [UniqueConstraint]
    public var foreignKeys: [ForeignKey]
    public var isView: Bool

    public init(
        name: QualifiedTableName, columns: [CatalogColumn], primaryKey: [String] = [],
        primaryKeyConstraintName: String? = nil, uniqueConstraints: [UniqueConstraint] = [],
        foreignKeys: [ForeignKey] = [], isView: Bool = false
    ) {
        self.name = name
        self.columns = columns
        self.primaryKey = primaryKey
        self.primaryKeyConstraintName = primaryKeyConstraintName
        self.uniqueConstraints = uniqueConstraints
        self.foreignKeys = foreignKeys
        self.isView = isView
    }

    public func column(named name: String) -> CatalogColumn? { columns.first { $0.name == name } }
}

/// A column with its database type, already mapped to a GraphQL scalar name.
public struct CatalogColumn: Sendable, Hashable {
    public var name: String
    /// The type as the database spells it (`int4`, `timestamptz`, `INTEGER`…), used for casts.
    public var databaseType: String
    /// The GraphQL scalar: `Int`, `String`, `Boolean`, `Float` or a Postgres type name (`bigint`, `uuid`…).
    public var scalar: ScalarType
    public var isNullable: Bool
    public var hasDefault: Bool
    /// Identity or generated columns that cannot be written.
    public var isGenerated: Bool

    public init(
        name: String, databaseType: String, scalar: ScalarType, isNullable: Bool,
        hasDefault: Bool = false, isGenerated: Bool = false
    ) {
        self.name = name
        self.databaseType = databaseType
        self.scalar = scalar
        self.isNullable = isNullable
        self.hasDefault = hasDefault
        self.isGenerated = isGenerated
    }
}

/// A `UNIQUE` constraint (or unique index) over `columns`.
public struct UniqueConstraint: Sendable, Hashable {
    public var name: String
    public var columns: [String]

    public init(name: String, columns: [String]) {
        self.name = name
        self.columns = columns
    }
}

/// A foreign key from `columns` of the owning table to `referencedColumns` of `referencedTable`.
public struct ForeignKey: Sendable, Hashable {
    public var name: String
    public var columns: [String]
    public var referencedTable: QualifiedTableName
    public var referencedColumns: [String]

    public init(name: String, columns: [String], referencedTable: QualifiedTableName, referencedColumns: [String]) {
        self.name = name
        self.columns = columns
        self.referencedTable = referencedTable
        self.referencedColumns = referencedColumns
    }

    /// The column mapping, owning column → referenced column, in key order.
    public var columnMapping: [(String, String)] { Array(zip(columns, referencedColumns)) }
}
