/// The planner's output for a mutation: root fields in document order, each run in the
/// request's one transaction.
public struct MutationIR: Sendable {
    public var rootFields: [(alias: String, field: MutationFieldIR)]

    public init(rootFields: [(alias: String, field: MutationFieldIR)]) { self.rootFields = rootFields }
}

public enum MutationFieldIR: Sendable {
    case insert(InsertIR, output: MutationOutput)
    case update(UpdateIR, output: MutationOutput)
    /// `update_<t>_many`: one response per update, applied in order.
    case updateMany([UpdateIR], response: [(alias: String, field: MutationResponseField)])
    case delete(DeleteIR, output: MutationOutput)
    /// `__typename` of the mutation root.
    case constant(String)
    /// An action mutation: its handler is called in document order with the rest.
    case action(ActionCallIR)
    /// A remote schema's mutation field, sent in document order with the rest.
    case remote(RemoteFieldIR)
}

/// What a mutation field answers: a `<t>_mutation_response`, or one row (`_one`, `_by_pk`).
public enum MutationOutput: Sendable {
    case response([(alias: String, field: MutationResponseField)])
    case singleRow([(alias: String, field: FieldIR)])
}

public enum MutationResponseField: Sendable {
    case affectedRows
    case returning([(alias: String, field: FieldIR)])
    case typename(String)
}

/// Rows to insert into one table, each possibly with nested rows.
public struct InsertIR: Sendable {
    public var table: ResolvedTable
    public var rows: [InsertRowIR]
    public var onConflict: OnConflictIR?
    /// Where a database error of this insert is reported (`$.selectionSet.insert_t.args.objects`).
    public var path: String
    /// The role's insert `check`: every inserted row must satisfy it (`nil`: no check).
    public var check: BoolExpIR?
}

public struct InsertRowIR: Sendable {
    public var values: [(column: ResolvedColumn, value: SQLParameter)]
    /// Inserted before this row; their keys fill this row's foreign-key columns.
    public var objectRelationships: [(relationship: ResolvedRelationship, insert: InsertIR)]
    /// Inserted after this row, with their foreign-key columns filled from it.
    public var arrayRelationships: [(relationship: ResolvedRelationship, insert: InsertIR)]
}

/// `on_conflict`: the constraint, the columns to overwrite (none: do nothing), and a condition.
public struct OnConflictIR: Sendable {
    public var constraint: UniqueConstraint
    public var updateColumns: [ResolvedColumn]
    public var filter: BoolExpIR?
    /// The role's update `check`, which a row updated by the upsert must satisfy (rows it
    /// inserts satisfy the insert check instead); `nil`: no check.
    public var updateCheck: BoolExpIR?
    /// The role's update presets, set on a row the upsert updates.
    public var presets: [ColumnPreset] = []
}

public struct UpdateIR: Sendable {
    public var table: ResolvedTable
    /// The request's `where` and the role's update filter.
    public var filter: BoolExpIR
    public var assignments: [UpdateAssignment]
    /// The role's update `check`: every updated row must satisfy it afterwards (`nil`: no check).
    public var check: BoolExpIR?
    /// Where a failed check is reported.
    public var path: String = "$"
}

/// `column = <op>(column, value)`.
public struct UpdateAssignment: Sendable {
    public var column: ResolvedColumn
    public var op: UpdateOperator
    /// One value, or the path items of `_delete_at_path`.
    public var values: [SQLParameter]
}

public struct DeleteIR: Sendable {
    public var table: ResolvedTable
    public var filter: BoolExpIR
}
