/// Every GraphQL name ministack generates for a table, in one place, as Hasura spells it.
///
/// `custom_name` replaces the base name of every type and root field; `custom_root_fields`
/// replaces single root fields. The schema builder and planner never join strings themselves.
public struct TableNames: Sendable, Hashable {
    /// The table's GraphQL base name: `custom_name`, else `<table>` (public/main schema) or `<schema>_<table>`.
    public let base: String
    let customRootFields: [String: String]

    public init(table: QualifiedTableName, configuration: TableConfiguration, defaultSchema: String) {
        if let custom = configuration.customName {
            base = custom
        } else if table.schema == defaultSchema {
            base = table.name
        } else {
            base = table.schema + "_" + table.name
        }
        customRootFields = configuration.customRootFields
    }

    // Root fields.
    public var select: String { customRootFields["select"] ?? base }
    public var selectByPK: String { customRootFields["select_by_pk"] ?? base + "_by_pk" }
    public var selectAggregate: String { customRootFields["select_aggregate"] ?? base + "_aggregate" }
    public var selectStream: String { customRootFields["select_stream"] ?? base + "_stream" }
    public var insert: String { customRootFields["insert"] ?? "insert_" + base }
    public var insertOne: String { customRootFields["insert_one"] ?? "insert_" + base + "_one" }
    public var update: String { customRootFields["update"] ?? "update_" + base }
    public var updateByPK: String { customRootFields["update_by_pk"] ?? "update_" + base + "_by_pk" }
    public var updateMany: String { customRootFields["update_many"] ?? "update_" + base + "_many" }
    public var delete: String { customRootFields["delete"] ?? "delete_" + base }
    public var deleteByPK: String { customRootFields["delete_by_pk"] ?? "delete_" + base + "_by_pk" }

    // Object types.
    public var objectType: String { base }
    public var aggregateType: String { base + "_aggregate" }
    public var aggregateFieldsType: String { base + "_aggregate_fields" }
    public func aggregateFunctionFieldsType(_ function: AggregateFunction) -> String {
        base + "_" + function.rawValue + "_fields"
    }
    public var mutationResponseType: String { base + "_mutation_response" }

    // Input types and enums.
    public var boolExp: String { base + "_bool_exp" }
    public var orderBy: String { base + "_order_by" }
    public var selectColumn: String { base + "_select_column" }
    public var aggregateOrderBy: String { base + "_aggregate_order_by" }
    public func aggregateFunctionOrderBy(_ function: AggregateFunction) -> String {
        base + "_" + function.rawValue + "_order_by"
    }
    public var aggregateBoolExp: String { base + "_aggregate_bool_exp" }
    public var aggregateBoolExpCount: String { base + "_aggregate_bool_exp_count" }
    public var insertInput: String { base + "_insert_input" }
    public var objectRelationshipInsertInput: String { base + "_obj_rel_insert_input" }
    public var arrayRelationshipInsertInput: String { base + "_arr_rel_insert_input" }
    public var onConflict: String { base + "_on_conflict" }
    public var constraint: String { base + "_constraint" }
    public var updateColumn: String { base + "_update_column" }
    public var setInput: String { base + "_set_input" }
    public var incInput: String { base + "_inc_input" }
    public var pkColumnsInput: String { base + "_pk_columns_input" }
    public var updates: String { base + "_updates" }
    /// `<t>_append_input`, `<t>_delete_key_input`… for the jsonb update operators.
    public func updateOperatorInput(_ op: UpdateOperator) -> String {
        switch op {
        case .set: setInput
        case .inc: incInput
        default: base + op.rawValue + "_input"
        }
    }
}

/// Names that do not belong to one table.
public enum HasuraNames {
    public static let queryRoot = "query_root"
    public static let mutationRoot = "mutation_root"
    public static let subscriptionRoot = "subscription_root"
    public static let orderByEnum = "order_by"
    /// The placeholder field Hasura puts on an otherwise empty query root.
    public static let noQueriesAvailable = "no_queries_available"

    /// `<Scalar>_comparison_exp`.
    public static func comparisonExp(_ scalar: ScalarType) -> String { scalar.name + "_comparison_exp" }

    /// `<Scalar>_cast_exp` (jsonb casts to String).
    public static func castExp(_ scalar: ScalarType) -> String { scalar.name + "_cast_exp" }

    /// The array relationship name Hasura's console suggests: the referencing table's name in plural.
    public static func arrayRelationshipName(forTable table: String) -> String { pluralize(table) }

    /// English plural as the console's inflection does it for common table names.
    public static func pluralize(_ word: String) -> String {
        let lower = word.lowercased()
        if lower.hasSuffix("s") && !lower.hasSuffix("ss") { return word }
        if lower.hasSuffix("ss") || lower.hasSuffix("x") || lower.hasSuffix("z") || lower.hasSuffix("ch")
            || lower.hasSuffix("sh")
        {
            return word + "es"
        }
        if lower.hasSuffix("y"), let beforeLast = lower.dropLast().last, !"aeiou".contains(beforeLast) {
            return String(word.dropLast()) + "ies"
        }
        return word + "s"
    }
}

/// The aggregate functions of `<t>_aggregate_fields`, spelled as Hasura's field names.
public enum AggregateFunction: String, Sendable, Hashable, CaseIterable {
    case avg, max, min, stddev, stddev_pop, stddev_samp, sum, var_pop, var_samp, variance

    /// Functions over numeric columns only (the others take any comparable column).
    public var isNumericOnly: Bool { self != .max && self != .min }

    /// Whether the result has the column's own type (`sum`, `max`, `min`) or is a `Float`.
    public var keepsColumnType: Bool { self == .sum || self == .max || self == .min }
}
