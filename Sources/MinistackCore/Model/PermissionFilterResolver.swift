import OrderedCollections

/// Turns a permission's boolean expression (`filter`, `check`) as written in metadata into a
/// predicate over the table's rows.
///
/// The expression names database columns and relationships, may use `_and`, `_or`, `_not`
/// and `_exists`, and may compare with session variables: a string value starting with
/// `x-hasura-` (any case) is read from the request's session, typed to the column, and bound
/// as a parameter like every other value. A column given a plain value means `_eq`.
struct PermissionFilterResolver {
    /// The source's tracked tables, by name.
    let tables: [QualifiedTableName: ResolvedTable]
    let defaultSchema: String
    /// The table the permission is on, which `["$", column]` names.
    var root: ResolvedTable?

    /// Why a permission's expression does not resolve.
    struct Failure: Error {
        let reason: String
    }

    /// A permission's expression on `table`; `.rooted` when it compares with the root's columns.
    func resolvePermission(_ expression: JSONValue?, on table: ResolvedTable) throws(Failure) -> BoolExpIR {
        var rooted = self
        rooted.root = table
        let resolved = try rooted.resolve(expression, on: table)
        return Self.refersToRoot(expression) ? .rooted(resolved) : resolved
    }

    /// Whether a `_c…` operator somewhere in the expression names `["$", column]`.
    static func refersToRoot(_ expression: JSONValue?) -> Bool {
        switch expression {
        case .object(let fields)?:
            fields.contains { key, value in
                (columnComparisons[key] != nil && value.arrayValue?.first == .string("$")) || refersToRoot(value)
            }
        case .array(let items)?: items.contains { refersToRoot($0) }
        default: false
        }
    }

    func resolve(_ expression: JSONValue?, on table: ResolvedTable) throws(Failure) -> BoolExpIR {
        guard let expression, !expression.isNull else { return .and([]) }
        guard case .object(let fields) = expression else {
            throw Failure(reason: "expected a boolean expression object, found \(expression.serialized)")
        }
        var terms: [BoolExpIR] = []
        for (key, value) in fields {
            switch key {
            case "_and", "_or":
                guard case .array(let items) = value else { throw Failure(reason: "\(key) expects a list") }
                var resolved: [BoolExpIR] = []
                for item in items { resolved.append(try resolve(item, on: table)) }
                terms.append(key == "_and" ? .and(resolved) : .or(resolved))
            case "_not":
                terms.append(.not(try resolve(value, on: table)))
            case "_exists":
                terms.append(try exists(value))
            default:
                if let column = table.column(named: key) {
                    terms += try comparisons(value, column: column, table: table)
                } else if let relationship = table.relationship(named: key) {
                    guard let target = tables[relationship.target.name] else {
                        throw Failure(reason: "table \(relationship.target.name) is not tracked")
                    }
                    terms.append(.relationship(relationship, target: target, try resolve(value, on: target)))
                } else {
                    throw Failure(
                        reason: "\"\(key)\" is neither a column nor a relationship of table \(table.key.name)")
                }
            }
        }
        return terms.count == 1 ? terms[0] : .and(terms)
    }

    /// `_exists: {_table, _where}`: some row of another table satisfies `_where`.
    func exists(_ value: JSONValue) throws(Failure) -> BoolExpIR {
        guard let tableValue = value["_table"] else { throw Failure(reason: "_exists needs \"_table\"") }
        let name: QualifiedTableName
        do {
            name = try QualifiedTableName(
                reading: JSONReader(value: tableValue, file: "permission", path: "_exists._table"),
                defaultSchema: defaultSchema)
        } catch {
            throw Failure(reason: "_exists._table: \(error)")
        }
        guard let target = tables[name] else { throw Failure(reason: "table \(name) in _exists is not tracked") }
        return .exists(target: target, try resolve(value["_where"], on: target))
    }

    /// `{_eq: v, _in: […]}` on one column, or a bare value meaning `_eq`.
    func comparisons(_ value: JSONValue, column: ResolvedColumn, table: ResolvedTable) throws(Failure) -> [BoolExpIR] {
        let operand = ColumnOperand(column: column, castToText: false)
        guard case .object(let operators) = value, operators.keys.allSatisfy({ $0.hasPrefix("_") }) else {
            return [.compare(operand, ComparisonIR(op: .eq, operand: .value(parameter(value, column: column))))]
        }
        var terms: [BoolExpIR] = []
        for (name, argument) in operators {
            if let op = Self.columnComparisons[name] {
                let (other, ofRoot) = try comparedColumn(argument, operator: name, column: column, table: table)
                terms.append(.compare(operand, ComparisonIR(op: op, operand: .column(other, ofRoot: ofRoot))))
                continue
            }
            guard let op = ComparisonOperator(rawValue: name == "_ne" ? "_neq" : name) else {
                throw Failure(reason: "unknown operator \"\(name)\" on column \(column.name)")
            }
            let comparison: ComparisonIR
            switch op {
            case .isNull:
                guard case .bool(let flag) = argument else { throw Failure(reason: "_is_null expects a boolean") }
                comparison = ComparisonIR(op: op, operand: .flag(flag))
            case .in, .nin, .hasKeysAll, .hasKeysAny:
                if op == .in || op == .nin, let variable = Self.sessionVariableName(argument) {
                    let list = SQLParameter(source: .sessionList(variable), scalar: .jsonb, databaseType: "jsonb")
                    comparison = ComparisonIR(op: op, operand: .sessionList(list, elementType: column.databaseType))
                    break
                }
                guard case .array(let items) = argument else {
                    throw Failure(reason: "\(name) on column \(column.name) expects a list")
                }
                let isKeys = op == .hasKeysAll || op == .hasKeysAny
                comparison = ComparisonIR(
                    op: op,
                    operand: .list(
                        items.map { isKeys ? textParameter($0) : parameter($0, column: column) }))
            case .like, .nlike, .ilike, .nilike, .similar, .nsimilar, .regex, .nregex, .iregex, .niregex, .hasKey:
                comparison = ComparisonIR(op: op, operand: .value(textParameter(argument)))
            case .contains, .containedIn:
                comparison = ComparisonIR(
                    op: op,
                    operand: .value(SQLParameter(source: source(of: argument), scalar: .jsonb, databaseType: "jsonb")))
            case .cast:
                throw Failure(reason: "_cast is not supported in permissions")
            case .eq, .neq, .gt, .gte, .lt, .lte:
                comparison = ComparisonIR(op: op, operand: .value(parameter(argument, column: column)))
            }
            terms.append(.compare(operand, comparison))
        }
        return terms
    }

    /// Hasura's column comparison operators, which compare with another column, not a value.
    static let columnComparisons: [String: ComparisonOperator] = [
        "_ceq": .eq, "_cne": .neq, "_cneq": .neq, "_cgt": .gt, "_cgte": .gte, "_clt": .lt, "_clte": .lte,
    ]

    /// `"col"` (a column of the same table) or `["$", "col"]` (of the permission's own table).
    func comparedColumn(
        _ argument: JSONValue, operator name: String, column: ResolvedColumn, table current: ResolvedTable
    ) throws(Failure) -> (
        ResolvedColumn, ofRoot: Bool
    ) {
        let path: [String]
        switch argument {
        case .string(let single): path = [single]
        case .array(let items) where items.allSatisfy({ $0.stringValue != nil }):
            path = items.compactMap(\.stringValue)
        default:
            throw Failure(reason: "\(name) on column \(column.name) expects a column name or [\"$\", column]")
        }
        let ofRoot = path.count == 2 && path[0] == "$"
        guard path.count == 1 || ofRoot, let name = path.last else {
            throw Failure(reason: "\(name) on column \(column.name) expects a column name or [\"$\", column]")
        }
        guard let table = ofRoot ? root : current, let other = table.column(named: name) else {
            throw Failure(reason: "no column \"\(name)\" for \(path.joined(separator: "."))")
        }
        return (other, ofRoot)
    }

    func parameter(_ value: JSONValue, column: ResolvedColumn) -> SQLParameter {
        SQLParameter(source: source(of: value), scalar: column.scalar, databaseType: column.databaseType)
    }

    func textParameter(_ value: JSONValue) -> SQLParameter {
        SQLParameter(source: source(of: value), scalar: .string, databaseType: "text")
    }

    /// A session variable reference or a constant.
    func source(of value: JSONValue) -> ParameterSource {
        if let name = Self.sessionVariableName(value) { return .session(name) }
        return .literal(value)
    }

    /// `"X-Hasura-User-Id"` → `x-hasura-user-id`; other values → `nil`.
    static func sessionVariableName(_ value: JSONValue) -> String? {
        guard case .string(let text) = value, text.lowercased().hasPrefix("x-hasura-") else { return nil }
        return text.lowercased()
    }
}
