/// Hasura metadata (v3 directory layout) as a plain value: what the user asked for.
///
/// It says nothing about whether the database agrees; `ModelResolver` checks that and
/// collects inconsistencies. Parts later issues interpret (permissions, event triggers,
/// actions, remote schemas…) are kept as JSON so nothing is lost on a round trip; typed views
/// read them (`actions`, `customTypes`, `remoteSchemas`, `TableMetadata.eventTriggers`).
public struct Metadata: Sendable, Hashable {
    public var version: Int
    public var sources: [SourceMetadata]
    /// Top-level files other than `version.yaml` and `databases/`, by file name, as JSON.
    /// `actions.yaml` holds the actions and custom types in export form, merged with `actions.graphql`.
    public var otherFiles: [String: JSONValue]

    public init(version: Int = 3, sources: [SourceMetadata] = [], otherFiles: [String: JSONValue] = [:]) {
        self.version = version
        self.sources = sources
        self.otherFiles = otherFiles
    }
}

/// One database (`databases.yaml` entry).
public struct SourceMetadata: Sendable, Hashable {
    public var name: String
    public var kind: DatabaseKind
    public var databaseURL: ConfigurationValue?
    public var tables: [TableMetadata]
    /// The `configuration` object as written (pool settings and others are kept, not used).
    public var configuration: JSONValue

    public init(
        name: String, kind: DatabaseKind, databaseURL: ConfigurationValue?, tables: [TableMetadata],
        configuration: JSONValue = .emptyObject
    ) {
        self.name = name
        self.kind = kind
        self.databaseURL = databaseURL
        self.tables = tables
        self.configuration = configuration
    }

    /// The schema a table name without one belongs to.
    public var defaultSchema: String { kind == .postgres ? "public" : "main" }
}

/// A value written literally or read from an environment variable (`{from_env: NAME}`).
public enum ConfigurationValue: Sendable, Hashable {
    case literal(String)
    case fromEnvironment(String)

    /// The value, or `nil` when the environment variable is unset.
    public func resolve(in environment: [String: String]) -> String? {
        switch self {
        case .literal(let value): value
        case .fromEnvironment(let name): environment[name]
        }
    }
}

/// One tracked table's file (`databases/<source>/tables/<schema>_<table>.yaml`).
public struct TableMetadata: Sendable, Hashable {
    public var table: QualifiedTableName
    public var configuration: TableConfiguration
    public var objectRelationships: [RelationshipMetadata]
    public var arrayRelationships: [RelationshipMetadata]
    /// The whole table object as written, for the parts later stages interpret.
    public var raw: JSONValue

    public init(
        table: QualifiedTableName, configuration: TableConfiguration = TableConfiguration(),
        objectRelationships: [RelationshipMetadata] = [], arrayRelationships: [RelationshipMetadata] = [],
        raw: JSONValue = .emptyObject
    ) {
        self.table = table
        self.configuration = configuration
        self.objectRelationships = objectRelationships
        self.arrayRelationships = arrayRelationships
        self.raw = raw
    }
}

/// A table's `configuration`: GraphQL names that replace the generated ones.
public struct TableConfiguration: Sendable, Hashable {
    public var customName: String?
    /// `select`, `select_by_pk`, `select_aggregate`, `insert`, … → the root field name to use.
    public var customRootFields: [String: String]
    /// Column name → GraphQL field name (`column_config.<col>.custom_name` and legacy `custom_column_names`).
    public var customColumnNames: [String: String]

    public init(
        customName: String? = nil, customRootFields: [String: String] = [:], customColumnNames: [String: String] = [:]
    ) {
        self.customName = customName
        self.customRootFields = customRootFields
        self.customColumnNames = customColumnNames
    }
}

/// An object or array relationship as declared.
public struct RelationshipMetadata: Sendable, Hashable {
    public var name: String
    public var using: RelationshipUsing
    public var comment: String?
    /// The relationship object as written, exported as it was (with `name` kept current).
    public var raw: JSONValue?

    public init(name: String, using: RelationshipUsing, comment: String? = nil, raw: JSONValue? = nil) {
        self.name = name
        self.using = using
        self.comment = comment
        self.raw = raw
    }
}

/// How a relationship joins: through a foreign key (on either side) or a manual column mapping.
public enum RelationshipUsing: Sendable, Hashable {
    /// `foreign_key_constraint_on: col | [cols]`: this table's columns reference the target.
    case localForeignKey(columns: [String])
    /// `foreign_key_constraint_on: {table, column(s)}`: the target's columns reference this table.
    case remoteForeignKey(table: QualifiedTableName, columns: [String])
    /// `manual_configuration: {remote_table, column_mapping}`: local column → remote column, in order.
    case manual(remoteTable: QualifiedTableName, columnMapping: [ColumnPair])
}

/// A local column paired with a column of another table.
public struct ColumnPair: Sendable, Hashable {
    public var local: String
    public var remote: String

    public init(local: String, remote: String) {
        self.local = local
        self.remote = remote
    }
}

extension Metadata {
    /// `inherited_roles.yaml`: each inherited role and the roles it combines.
    public var inheritedRoles: Model.InheritedRoles {
        var roles: Model.InheritedRoles = [:]
        for entry in otherFiles["inherited_roles.yaml"]?.arrayValue ?? [] {
            guard let name = entry["role_name"]?.stringValue else { continue }
            roles[name] = (entry["role_set"]?.arrayValue ?? []).compactMap(\.stringValue)
        }
        return roles
    }
}
