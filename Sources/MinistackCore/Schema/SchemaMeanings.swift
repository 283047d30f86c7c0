/// A field of a named type, e.g. `query_root.author` or `author_bool_exp.articles`.
public struct FieldCoordinate: Sendable, Hashable, CustomStringConvertible {
    public var typeName: String
    public var fieldName: String

    public init(_ typeName: String, _ fieldName: String) {
        self.typeName = typeName
        self.fieldName = fieldName
    }

    public var description: String { "\(typeName).\(fieldName)" }
}

/// What an output field means to the planner. The owning table is known from the
/// enclosing selection, so column and relationship cases carry only their names.
public enum FieldMeaning: Sendable, Hashable {
    case selectMany(TableKey)
    case selectByPK(TableKey)
    case selectAggregate(TableKey)
    case column(String)
    case relationship(String)
    case relationshipAggregate(String)
    /// `aggregate` of `<t>_aggregate`.
    case aggregateFields
    /// `nodes` of `<t>_aggregate`.
    case aggregateNodes
    case aggregateCount
    case aggregateFunction(AggregateFunction)
    /// A column inside `<t>_<function>_fields`.
    case aggregateColumn(String)
    case noQueriesAvailable
    case insert(TableKey)
    case insertOne(TableKey)
    case update(TableKey)
    case updateByPK(TableKey)
    case updateMany(TableKey)
    case delete(TableKey)
    case deleteByPK(TableKey)
    /// `affected_rows` of `<t>_mutation_response`.
    case affectedRows
    /// `returning` of `<t>_mutation_response`.
    case returning
    /// An action's root field (a query, a synchronous mutation, or an asynchronous mutation
    /// answering its `action_id`).
    case action(String)
    /// `<action>(id:)`: the stored result of an asynchronous action.
    case asyncActionResult(String)
    /// A remote schema's root field (its own name), forwarded to the remote.
    case remoteRootField(remote: String, field: String)
    /// A remote schema's `root_fields_namespace` field, whose fields are the remote's root fields.
    case remoteNamespace(remote: String)
}

/// The update operators of `update_<t>` and `<t>_updates`, by argument name.
public enum UpdateOperator: String, Sendable, Hashable, CaseIterable {
    case set = "_set", inc = "_inc"
    case append = "_append", prepend = "_prepend", deleteKey = "_delete_key", deleteElem = "_delete_elem",
        deleteAtPath = "_delete_at_path"

    /// Operators on jsonb columns, offered on Postgres sources.
    public var isJSONB: Bool { self != .set && self != .inc }
}

/// What an input object field means to the planner.
public enum InputFieldMeaning: Sendable, Hashable {
    case and, or, not
    case column(String)
    case relationship(String)
    case relationshipAggregate(String)
    case comparison(ComparisonOperator)
    /// `count` in `<t>_aggregate_order_by`.
    case orderByAggregateCount
    /// `sum`, `max`… in `<t>_aggregate_order_by`.
    case orderByAggregateFunction(AggregateFunction)
    /// `count` in `<t>_aggregate_bool_exp`.
    case aggregateBoolCount
    /// `String` in `jsonb_cast_exp`.
    case castToString
}

/// Everything the planner needs to interpret a document against one role's schema.
public struct SchemaMeanings: Sendable {
    public var fields: [FieldCoordinate: FieldMeaning] = [:]
    public var inputFields: [FieldCoordinate: InputFieldMeaning] = [:]

    public init() {}
}

/// Hasura's comparison operators, spelled as their input field names.
public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
    case eq = "_eq", neq = "_neq", gt = "_gt", gte = "_gte", lt = "_lt", lte = "_lte"
    case `in` = "_in", nin = "_nin", isNull = "_is_null"
    case like = "_like", nlike = "_nlike", ilike = "_ilike", nilike = "_nilike"
    case similar = "_similar", nsimilar = "_nsimilar"
    case regex = "_regex", nregex = "_nregex", iregex = "_iregex", niregex = "_niregex"
    case contains = "_contains", containedIn = "_contained_in"
    case hasKey = "_has_key", hasKeysAll = "_has_keys_all", hasKeysAny = "_has_keys_any"
    case cast = "_cast"

    /// Operators every scalar has.
    public static let general: [ComparisonOperator] = [.eq, .neq, .gt, .gte, .lt, .lte, .in, .nin, .isNull]
    /// Operators text scalars add.
    public static let text: [ComparisonOperator] = [
        .like, .nlike, .ilike, .nilike, .similar, .nsimilar, .regex, .nregex, .iregex, .niregex,
    ]
    /// Operators `jsonb` adds on Postgres.
    public static let jsonb: [ComparisonOperator] = [.contains, .containedIn, .hasKey, .hasKeysAll, .hasKeysAny, .cast]
}
