/// A table's permissions by role, resolved against the table: columns exist, filters are
/// predicates over the table's rows (`BoolExpIR`, with session variables as parameters).
///
/// Built by `ModelResolver` from `select_permissions`, `insert_permissions`,
/// `update_permissions` and `delete_permissions`; a permission that does not resolve is an
/// inconsistency and is left out, so the role simply lacks it.
public struct TablePermissions: Sendable {
    public var select: [String: SelectPermission] = [:]
    public var insert: [String: InsertPermission] = [:]
    public var update: [String: UpdatePermission] = [:]
    public var delete: [String: DeletePermission] = [:]

    public init() {}

    /// Every role named by one of the permissions.
    public var roles: Set<String> {
        Set(select.keys).union(insert.keys).union(update.keys).union(delete.keys)
    }
}

/// `select_permissions[].permission`.
public struct SelectPermission: Sendable {
    /// Database column names the role may read.
    public var columns: Set<String>
    /// Rows the role may read; `.and([])` for every row.
    public var filter: BoolExpIR
    /// At most this many rows per selection.
    public var limit: Int?
    public var allowAggregations: Bool
    /// `query_root_fields`: `select`, `select_by_pk`, `select_aggregate` (`nil`: all of them).
    public var queryRootFields: Set<String>?
    /// `subscription_root_fields` (`nil`: all of them).
    public var subscriptionRootFields: Set<String>?
    /// Columns readable only in rows satisfying a predicate, null elsewhere: an inherited role
    /// reads a column only in the rows of a parent role that has it.
    public var columnFilters: [String: BoolExpIR] = [:]

    public init(
        columns: Set<String>, filter: BoolExpIR = .and([]), limit: Int? = nil, allowAggregations: Bool = false,
        queryRootFields: Set<String>? = nil, subscriptionRootFields: Set<String>? = nil
    ) {
        self.columns = columns
        self.filter = filter
        self.limit = limit
        self.allowAggregations = allowAggregations
        self.queryRootFields = queryRootFields
        self.subscriptionRootFields = subscriptionRootFields
    }

    /// Whether the role has the query root field (`select`, `select_by_pk`, `select_aggregate`).
    public func allowsRootField(_ name: String) -> Bool { queryRootFields?.contains(name) ?? true }
}

/// `insert_permissions[].permission`.
public struct InsertPermission: Sendable {
    public var columns: Set<String>
    /// Every inserted row must satisfy this, checked after the insert in the same transaction.
    public var check: BoolExpIR
    /// Column values set by the server (`set`), which the role cannot give.
    public var presets: [ColumnPreset]
    /// Visible only to requests with `x-hasura-use-backend-only-permissions: true` and the admin secret.
    public var backendOnly: Bool

    public init(
        columns: Set<String>, check: BoolExpIR = .and([]), presets: [ColumnPreset] = [], backendOnly: Bool = false
    ) {
        self.columns = columns
        self.check = check
        self.presets = presets
        self.backendOnly = backendOnly
    }
}

/// `update_permissions[].permission`.
public struct UpdatePermission: Sendable {
    public var columns: Set<String>
    /// Rows the role may update.
    public var filter: BoolExpIR
    /// Every updated row must satisfy this afterwards (`nil`: no check).
    public var check: BoolExpIR?
    public var presets: [ColumnPreset]
    public var backendOnly: Bool

    public init(
        columns: Set<String>, filter: BoolExpIR = .and([]), check: BoolExpIR? = nil, presets: [ColumnPreset] = [],
        backendOnly: Bool = false
    ) {
        self.columns = columns
        self.filter = filter
        self.check = check
        self.presets = presets
        self.backendOnly = backendOnly
    }
}

/// `delete_permissions[].permission`.
public struct DeletePermission: Sendable {
    public var filter: BoolExpIR
    public var backendOnly: Bool

    public init(filter: BoolExpIR = .and([]), backendOnly: Bool = false) {
        self.filter = filter
        self.backendOnly = backendOnly
    }
}

/// A column value the server sets on insert or update: a literal or a session variable.
public struct ColumnPreset: Sendable {
    public var column: ResolvedColumn
    public var value: SQLParameter

    public init(column: ResolvedColumn, value: SQLParameter) {
        self.column = column
        self.value = value
    }
}

/// What the role a schema is built for may do with one table. Admin may do everything.
public struct TableAccess: Sendable {
    public var select: SelectPermission?
    public var insert: InsertPermission?
    public var update: UpdatePermission?
    public var delete: DeletePermission?

    public init(
        select: SelectPermission? = nil, insert: InsertPermission? = nil, update: UpdatePermission? = nil,
        delete: DeletePermission? = nil
    ) {
        self.select = select
        self.insert = insert
        self.update = update
        self.delete = delete
    }

    /// Everything on every column, no filters: the admin role.
    public static func unrestricted(columns: [ResolvedColumn]) -> TableAccess {
        let names = Set(columns.map(\.name))
        return TableAccess(
            select: SelectPermission(columns: names, allowAggregations: true), insert: InsertPermission(columns: names),
            update: UpdatePermission(columns: names), delete: DeletePermission())
    }

    /// Whether the role may do anything at all with the table.
    public var isEmpty: Bool { select == nil && insert == nil && update == nil && delete == nil }
}

extension BoolExpIR {
    /// `true` for the empty conjunction that lets every row through.
    public var isAlwaysTrue: Bool {
        if case .and(let terms) = self { return terms.allSatisfy(\.isAlwaysTrue) }
        return false
    }

    /// `self AND other`, leaving out terms that are always true.
    public func conjoined(with other: BoolExpIR?) -> BoolExpIR {
        guard let other, !other.isAlwaysTrue else { return self }
        if isAlwaysTrue { return other }
        return .and([self, other])
    }
}
