/// Metadata resolved against the catalog: what is actually served.
///
/// Immutable; a metadata change builds a new one. Everything that did not resolve is in
/// `inconsistencies` and absent from `sources`.
public struct Model: Sendable {
    public var sources: [ResolvedSource]
    public var inconsistencies: [Inconsistency]
    /// Remote schemas whose URL and headers resolved, in metadata order.
    public var remoteSchemas: [ResolvedRemoteSchema]
    /// Actions that resolved, with their custom types.
    public var actions: ResolvedActions

    public init(
        sources: [ResolvedSource], inconsistencies: [Inconsistency], remoteSchemas: [ResolvedRemoteSchema] = [],
        actions: ResolvedActions = ResolvedActions()
    ) {
        self.sources = sources
        self.inconsistencies = inconsistencies
        self.remoteSchemas = remoteSchemas
        self.actions = actions
        var index: [TableKey: ResolvedTable] = [:]
        for source in sources {
            for table in source.tables { index[table.key] = table }
        }
        tablesByKey = index
    }

    private let tablesByKey: [TableKey: ResolvedTable]

    public func table(_ key: TableKey) -> ResolvedTable? { tablesByKey[key] }

    public func source(named name: String) -> ResolvedSource? { sources.first { $0.name == name } }

    /// Every tracked table of every source, in metadata order.
    public var allTables: [ResolvedTable] { sources.flatMap(\.tables) }
}

/// Identifies a tracked table across sources.
public struct TableKey: Sendable, Hashable, CustomStringConvertible {
    public var source: String
    public var name: QualifiedTableName

    public init(source: String, name: QualifiedTableName) {
        self.source = source
        self.name = name
    }

    public var description: String { "\(source).\(name)" }
}

/// A database source with the tables that resolved.
public struct ResolvedSource: Sendable {
    public var name: String
    public var kind: DatabaseKind
    public var tables: [ResolvedTable]

    public init(name: String, kind: DatabaseKind, tables: [ResolvedTable]) {
        self.name = name
        self.kind = kind
        self.tables = tables
    }
}

/// A tracked table that exists, with its GraphQL names, columns and relationships.
public struct ResolvedTable: Sendable {
    public var key: TableKey
    public var names: TableNames
    public var columns: [ResolvedColumn]
    public var primaryKey: [ResolvedColumn]
    public var relationships: [ResolvedRelationship]
    public var catalog: CatalogTable
    /// Every role's permissions on the table.
    public var permissions: TablePermissions
    /// What the role of the schema being built may do (see `Model.view(for:)`); admin by default.
    public var access: TableAccess

    public init(
        key: TableKey, names: TableNames, columns: [ResolvedColumn], primaryKey: [ResolvedColumn],
        relationships: [ResolvedRelationship], catalog: CatalogTable
    ) {
        self.key = key
        self.names = names
        self.columns = columns
        self.primaryKey = primaryKey
        self.relationships = relationships
        self.catalog = catalog
        self.permissions = TablePermissions()
        self.access = .unrestricted(columns: columns)
    }

    public func column(named name: String) -> ResolvedColumn? { columns.first { $0.name == name } }

    public func relationship(named name: String) -> ResolvedRelationship? { relationships.first { $0.name == name } }

    /// Columns the role may read, in table order.
    public var selectableColumns: [ResolvedColumn] {
        guard let select = access.select else { return [] }
        return columns.filter { select.columns.contains($0.name) }
    }

    /// Columns the role may give on insert (not generated, not preset), in table order.
    public var insertableColumns: [ResolvedColumn] {
        guard let insert = access.insert else { return [] }
        let preset = Set(insert.presets.map(\.column.name))
        return columns.filter { insert.columns.contains($0.name) && !preset.contains($0.name) && !isGenerated($0) }
    }

    /// Columns the role may update (not generated, not preset), in table order.
    public var updatableColumns: [ResolvedColumn] {
        guard let update = access.update else { return [] }
        let preset = Set(update.presets.map(\.column.name))
        return columns.filter { update.columns.contains($0.name) && !preset.contains($0.name) && !isGenerated($0) }
    }

    func isGenerated(_ column: ResolvedColumn) -> Bool { catalog.column(named: column.name)?.isGenerated ?? false }

    /// Readable numeric columns (`sum`, `avg`, …).
    public var numericColumns: [ResolvedColumn] { selectableColumns.filter { $0.scalar.isNumeric } }

    /// Readable comparable columns (`max`, `min`).
    public var comparableColumns: [ResolvedColumn] { selectableColumns.filter { $0.scalar.isComparable } }

    /// Whether the role may select the row by its primary key (it reads every key column).
    public var allowsPrimaryKeyAccess: Bool {
        guard let select = access.select, !primaryKey.isEmpty else { return false }
        return primaryKey.allSatisfy { select.columns.contains($0.name) }
    }
}

/// A column with its GraphQL field name.
public struct ResolvedColumn: Sendable, Hashable {
    /// The database column name.
    public var name: String
    /// The GraphQL field name (`column_config.<col>.custom_name` or the column name).
    public var fieldName: String
    public var scalar: ScalarType
    public var databaseType: String
    public var isNullable: Bool

    public init(name: String, fieldName: String, scalar: ScalarType, databaseType: String, isNullable: Bool) {
        self.name = name
        self.fieldName = fieldName
        self.scalar = scalar
        self.databaseType = databaseType
        self.isNullable = isNullable
    }
}

/// A relationship whose both ends resolved.
public struct ResolvedRelationship: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case object, array
    }

    public var name: String
    public var kind: Kind
    public var target: TableKey
    /// Columns of the owning table paired with columns of the target, joined with `=` and `AND`.
    public var mapping: [ColumnPair]
    /// For object relationships: `false` when every local foreign-key column is NOT NULL.
    public var isNullable: Bool

    public init(name: String, kind: Kind, target: TableKey, mapping: [ColumnPair], isNullable: Bool) {
        self.name = name
        self.kind = kind
        self.target = target
        self.mapping = mapping
        self.isNullable = isNullable
    }
}
