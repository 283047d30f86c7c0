public import GraphQL
import OrderedCollections

/// An operation's variables checked against their declared types, plus the fingerprint
/// of everything in them that changes the SQL (nulls, booleans, enum values, object keys,
/// list lengths). Two requests with the same fingerprint can share one plan; scalars
/// other than booleans only ever become bound parameters.
public struct CoercedVariables: Sendable, Hashable {
    public var values: [String: JSONValue]
    public var fingerprint: String
}

/// GraphQL input coercion for variables, as the spec defines it (a single value where a
/// list is expected becomes a one-element list), with Hasura's error wording.
public struct VariableCoercion {
    let shapes: [String: InputTypeShape]
    var fingerprint = ""

    public static func coerce(
        definitions: [VariableDefinition], provided: JSONValue?, shapes: [String: InputTypeShape]
    ) throws(PlanError) -> CoercedVariables {
        var provided = provided ?? .null
        if case .null = provided { provided = .emptyObject }
        guard let providedObject = provided.objectValue else {
            throw PlanError("variables must be an object", path: "$.variables", code: .validationFailed)
        }
        var coercion = VariableCoercion(shapes: shapes)
        var values: [String: JSONValue] = [:]
        for definition in definitions {
            let name = definition.variable.name.value
            let type = TypeRef(ast: definition.type)
            coercion.fingerprint += "$\(name)="
            var value = providedObject[name]
            if value == nil, let defaultValue = definition.defaultValue {
                value = LiteralValue.json(defaultValue)
            }
            guard let value else {
                if type.isNonNull {
                    throw PlanError("expecting a value for non-nullable variable: \"\(name)\"", path: "$")
                }
                coercion.fingerprint += "u;"
                continue
            }
            values[name] = try coercion.coerce(value, as: type, path: "$.variableValues.\(name)")
            coercion.fingerprint += ";"
        }
        return CoercedVariables(values: values, fingerprint: coercion.fingerprint)
    }

    mutating func coerce(_ value: JSONValue, as type: TypeRef, path: String) throws(PlanError) -> JSONValue {
        switch type {
        case .nonNull(let inner):
            if value.isNull { throw PlanError("null value found for non-nullable type: \"\(type)\"", path: path) }
            return try coerce(value, as: inner, path: path)
        case .list(let inner):
            if value.isNull {
                fingerprint += "n"
                return .null
            }
            guard let items = value.arrayValue else { return .array([try coerce(value, as: inner, path: path)]) }
            fingerprint += "[\(items.count)"
            var coerced: [JSONValue] = []
            for (index, item) in items.enumerated() {
                coerced.append(try coerce(item, as: inner, path: "\(path)[\(index)]"))
            }
            fingerprint += "]"
            return .array(coerced)
        case .named(let name):
            if value.isNull {
                fingerprint += "n"
                return .null
            }
            switch shapes[name] {
            case .scalar?: return try coerceScalar(value, named: name, path: path)
            case .enumeration(let values)?:
                guard let text = value.stringValue, values.contains(text) else {
                    throw PlanError(
                        "expected one of the values \(values.sorted().joined(separator: ", ")) for type \"\(name)\", but found \(value.serialized)",
                        path: path)
                }
                fingerprint += "e\(text),"
                return value
            case .inputObject(let fields)?:
                guard let object = value.objectValue else {
                    throw PlanError(
                        "expected an object for type \"\(name)\", but found \(article(value.kindName))", path: path)
                }
                var coerced = OrderedDictionary<String, JSONValue>()
                fingerprint += "{"
                for (key, item) in object {
                    guard let fieldType = fields[key] else {
                        throw PlanError("field '\(key)' not found in type: '\(name)'", path: "\(path).\(key)")
                    }
                    fingerprint += "\(key):"
                    coerced[key] = try coerce(item, as: fieldType, path: "\(path).\(key)")
                    fingerprint += ","
                }
                for (key, fieldType) in fields.sorted(by: { $0.key < $1.key })
                where fieldType.isNonNull && object[key] == nil {
                    throw PlanError("missing required field '\(key)'", path: path)
                }
                fingerprint += "}"
                return .object(coerced)
            case nil:
                throw PlanError("unknown type \"\(name)\"", path: path)
            }
        }
    }

    mutating func coerceScalar(_ value: JSONValue, named name: String, path: String) throws(PlanError) -> JSONValue {
        switch name {
        case "Int":
            guard case .number(let digits) = value, let integer = Int(digits), Int32(exactly: integer) != nil else {
                throw PlanError("expected a 32-bit integer for type \"Int\", but found \(describe(value))", path: path)
            }
            fingerprint += "v"
            return value
        case "Float":
            guard case .number = value else {
                throw PlanError("expected a float for type \"Float\", but found \(describe(value))", path: path)
            }
            fingerprint += "v"
            return value
        case "String":
            guard case .string = value else {
                throw PlanError("expected a string for type \"String\", but found \(describe(value))", path: path)
            }
            fingerprint += "v"
            return value
        case "ID":
            switch value {
            case .string: break
            case .number(let digits) where Int(digits) != nil: break
            default:
                throw PlanError(
                    "expected a String or a 32-bit integer for type \"ID\", but found \(describe(value))", path: path)
            }
            fingerprint += "v"
            return value
        case "Boolean":
            guard case .bool(let flag) = value else {
                throw PlanError("expected a boolean for type \"Boolean\", but found \(describe(value))", path: path)
            }
            fingerprint += flag ? "t" : "f"
            return value
        default:
            // Database scalars (bigint, numeric, uuid, jsonb…) are checked by the database.
            fingerprint += "v"
            return value
        }
    }

    private func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): "a string \(JSONValue.quoted(text))"
        default: article(value.kindName)
        }
    }

    private func article(_ kind: String) -> String {
        kind.first.map { "aeiou".contains($0) } == true ? "an \(kind)" : "a \(kind)"
    }
}

/// Converts literal AST values (no variables) to JSON.
enum LiteralValue {
    static func json(_ value: any Value) -> JSONValue {
        switch value {
        case let integer as IntValue: return .number(integer.value)
        case let float as FloatValue: return .number(float.value)
        case let string as StringValue: return .string(string.value)
        case let boolean as BooleanValue: return .bool(boolean.value)
        case let enumValue as EnumValue: return .string(enumValue.value)
        case let list as ListValue: return .array(list.values.map { json($0) })
        case let object as ObjectValue:
            var fields = OrderedDictionary<String, JSONValue>()
            for field in object.fields { fields[field.name.value] = json(field.value) }
            return .object(fields)
        default: return .null
        }
    }
}
