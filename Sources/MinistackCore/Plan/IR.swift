/// The planner's output for one operation: what to fetch, independent of SQL dialect.
///
/// Values are `SQLParameter`s (their source, not their value), so an IR and the SQL
/// compiled from it can be cached and run again with new variables.
public struct QueryIR: Sendable {
    public var rootFields: [(alias: String, field: RootFieldIR)]

    public init(rootFields: [(alias: String, field: RootFieldIR)]) { self.rootFields = rootFields }
}

/// One root field of a query.
public enum RootFieldIR: Sendable {
    case selectMany(SelectionIR)
    case selectByPK(SelectionIR)
    case selectAggregate(AggregateIR)
    /// A constant string (`__typename` of the root, `no_queries_available`).
    case constant(String)
    /// `__schema` / `__type`: answered by the introspection executor.
    case introspection
    /// An action: answered by calling its handler.
    case action(ActionCallIR)
    /// `<action>(id:)`: answered from the stored asynchronous calls.
    case asyncActionResult(AsyncActionResultIR)
    /// A remote schema's field: answered by the remote.
    case remote(RemoteFieldIR)
}

/// A selection of rows from one table (a root list, a by-pk, or a relationship).
public struct SelectionIR: Sendable {
    public var table: ResolvedTable
    public var arguments: SelectArguments
    public var fields: [(alias: String, field: FieldIR)]
}

/// `where`, `order_by`, `limit`, `offset` and `distinct_on` of a selection.
public struct SelectArguments: Sendable {
    public var filter: BoolExpIR?
    public var orderBy: [OrderByIR] = []
    public var limit: SQLParameter?
    public var offset: SQLParameter?
    public var distinctOn: [ResolvedColumn] = []

    public init() {}
}

/// One field of a row's JSON object.
public indirect enum FieldIR: Sendable {
    case column(ResolvedColumn)
    case typename(String)
    case objectRelationship(ResolvedRelationship, SelectionIR)
    case arrayRelationship(ResolvedRelationship, SelectionIR)
    case arrayAggregate(ResolvedRelationship, AggregateIR)
}

/// An aggregate selection (`<t>_aggregate` or `<rel>_aggregate`).
public struct AggregateIR: Sendable {
    public var table: ResolvedTable
    public var arguments: SelectArguments
    public var fields: [(alias: String, field: AggregateFieldIR)]
}

public enum AggregateFieldIR: Sendable {
    case typename(String)
    case aggregate([(alias: String, value: AggregateValueIR)])
    case nodes([(alias: String, field: FieldIR)])
}

public enum AggregateValueIR: Sendable {
    case typename(String)
    case count(columns: [ResolvedColumn], distinct: Bool)
    case function(AggregateFunction, [(alias: String, column: AggregateColumnIR)])
}

public enum AggregateColumnIR: Sendable {
    case typename(String)
    case column(ResolvedColumn)
}

/// A boolean expression over the rows of a table.
public indirect enum BoolExpIR: Sendable {
    case and([BoolExpIR])
    case or([BoolExpIR])
    case not(BoolExpIR)
    case compare(ColumnOperand, ComparisonIR)
    /// Rows whose related rows (through the relationship) satisfy the expression.
    case relationship(ResolvedRelationship, target: ResolvedTable, BoolExpIR)
    /// Some row of another table satisfies the expression (`_exists` in permissions).
    case exists(target: ResolvedTable, BoolExpIR)
    /// `<rel>_aggregate: {count: {predicate, filter, arguments, distinct}}`.
    case aggregateCount(
        ResolvedRelationship, target: ResolvedTable, columns: [ResolvedColumn], distinct: Bool, filter: BoolExpIR?,
        predicate: [ComparisonIR])
    /// A permission's expression whose column comparisons name the permission's own table
    /// (`_ceq: ["$", "col"]`): the row it is evaluated on is their root, however deep they sit.
    case rooted(BoolExpIR)
}

/// The left side of a comparison: a column, or a column cast to text (`jsonb _cast`).
public struct ColumnOperand: Sendable {
    public var column: ResolvedColumn
    public var castToText: Bool
}

/// `<op>: <value>`.
public struct ComparisonIR: Sendable {
    public var op: ComparisonOperator
    public var operand: ComparisonOperand
}

public enum ComparisonOperand: Sendable {
    case value(SQLParameter)
    case list([SQLParameter])
    /// `_in`/`_nin` against a session variable's list (a JSON array parameter), each element
    /// read as `elementType`.
    case sessionList(SQLParameter, elementType: String)
    /// `_is_null: true|false`.
    case flag(Bool)
    /// `_ceq`, `_cgt`… (permissions only): another column of the same row, or of the root row.
    case column(ResolvedColumn, ofRoot: Bool)
}

/// One `ORDER BY` term.
public struct OrderByIR: Sendable {
    /// Object relationships followed from the selected table to the ordered value.
    public var path: [(relationship: ResolvedRelationship, target: ResolvedTable)]
    public var target: OrderByTarget
    public var direction: OrderDirection
}

public enum OrderByTarget: Sendable {
    case column(ResolvedColumn)
    case arrayCount(ResolvedRelationship, target: ResolvedTable)
    case arrayAggregate(ResolvedRelationship, target: ResolvedTable, AggregateFunction, ResolvedColumn)
}

/// `asc` = ascending nulls last, `desc` = descending nulls first, as Hasura defines them.
public enum OrderDirection: String, Sendable {
    case asc, asc_nulls_first, asc_nulls_last, desc, desc_nulls_first, desc_nulls_last

    public var isAscending: Bool { self == .asc || self == .asc_nulls_first || self == .asc_nulls_last }
    public var nullsFirst: Bool { self == .asc_nulls_first || self == .desc || self == .desc_nulls_first }
}
