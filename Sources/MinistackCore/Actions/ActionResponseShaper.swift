import OrderedCollections

/// Checks a handler's JSON against the action's output type and keeps only what the client
/// selected, under its aliases. Relationship fields become holes, each with the rows query
/// that fills it (the selection with the field mapping's values added to its filter).
///
/// Pure: the engine runs the queries (all holes in one statement per source) and renders.
public struct ActionResponseShaper {
    /// A shaped value; `hole(n)` is filled with the JSON text of relationship query `n`.
    public indirect enum Shaped: Sendable {
        case json(JSONValue)
        case object([(key: String, value: Shaped)])
        case list([Shaped])
        case hole(Int)
        /// An object relationship whose mapped field is null: no row to look up.
        case null
    }

    /// Why a handler's response does not fit the output type.
    public struct Mismatch: Error, Sendable {
        public var message: String
    }

    let enums: [String: Set<String>]
    /// The rows queries of the holes, in hole order: object relationships as by-pk (one row
    /// or null), array relationships as lists.
    public private(set) var holes: [RootFieldIR] = []

    public init(customTypes: CustomTypes) {
        enums = Dictionary(
            customTypes.enums.map { ($0.name, Set($0.values.map(\.value))) }, uniquingKeysWith: { first, _ in first })
    }

    /// Shapes the handler's whole response as the action's `outputType`.
    public mutating func shape(_ value: JSONValue, outputType: String, selection: ActionOutputSelection)
        throws(Mismatch) -> Shaped
    {
        guard let type = TypeRef(parsing: Substring(outputType)) else {
            throw Mismatch(message: "the output type \(outputType) cannot be read")
        }
        return try shape(value, type: type, selection: selection, field: nil)
    }

    mutating func shape(_ value: JSONValue, type: TypeRef, selection: ActionOutputSelection, field: String?)
        throws(Mismatch) -> Shaped
    {
        let label = field.map { "field \"\($0)\"" } ?? "the action's output"
        switch type {
        case .nonNull(let inner):
            guard !value.isNull else { throw Mismatch(message: "expecting not null value for \(label)") }
            return try shape(value, type: inner, selection: selection, field: field)
        case .list(let item):
            if value.isNull { return .json(.null) }
            guard case .array(let items) = value else { throw Mismatch(message: "expecting a list for \(label)") }
            var shaped: [Shaped] = []
            for element in items { shaped.append(try shape(element, type: item, selection: selection, field: field)) }
            return .list(shaped)
        case .named(let name):
            if value.isNull { return .json(.null) }
            switch selection {
            case .leaf:
                try checkLeaf(value, typeName: name, label: label)
                return .json(value)
            case .object(let typeName, let fields):
                guard case .object(let given) = value else {
                    throw Mismatch(message: "expecting an object for \(label) of type \(typeName)")
                }
                var shaped: [(key: String, value: Shaped)] = []
                for (alias, selected) in fields {
                    switch selected {
                    case .typename(let name):
                        shaped.append((alias, .json(.string(name))))
                    case .value(let name, let fieldType, let nested):
                        shaped.append(
                            (alias, try shape(given[name] ?? .null, type: fieldType, selection: nested, field: name)))
                    case .relationship(let relationship, let rows):
                        shaped.append((alias, hole(for: relationship, rows: rows, object: given)))
                    }
                }
                return .object(shaped)
            }
        }
    }

    func checkLeaf(_ value: JSONValue, typeName: String, label: String) throws(Mismatch) {
        let fits: Bool
        switch typeName {
        case "Int": fits = value.intValue != nil
        case "Float": if case .number = value { fits = true } else { fits = false }
        case "String": fits = value.stringValue != nil
        case "Boolean": if case .bool = value { fits = true } else { fits = false }
        case "ID":
            if case .number = value { fits = value.intValue != nil } else { fits = value.stringValue != nil }
        default:
            if let values = enums[typeName] {
                fits = value.stringValue.map(values.contains) ?? false
            } else {
                fits = true  // custom and database scalars take any JSON
            }
        }
        if !fits { throw Mismatch(message: "unexpected value \(value.serialized) for \(label) of type \(typeName)") }
    }

    /// The rows of `relationship` for one object: `rows` filtered by the mapped fields' values.
    mutating func hole(
        for relationship: ActionRelationship, rows: SelectionIR, object: OrderedDictionary<String, JSONValue>
    ) -> Shaped {
        var conditions: [BoolExpIR] = []
        for (field, column) in relationship.mapping {
            guard let value = object[field], !value.isNull else {
                return relationship.kind == .object ? .null : .json(.array([]))
            }
            let parameter = SQLParameter(
                source: .literal(value), scalar: column.scalar, databaseType: column.databaseType)
            conditions.append(
                .compare(
                    ColumnOperand(column: column, castToText: false), ComparisonIR(op: .eq, operand: .value(parameter)))
            )
        }
        var selection = rows
        selection.arguments.filter = .and(conditions + (rows.arguments.filter.map { [$0] } ?? []))
        holes.append(relationship.kind == .object ? .selectByPK(selection) : .selectMany(selection))
        return .hole(holes.count - 1)
    }
}

extension ActionResponseShaper.Shaped {
    /// The JSON text, holes filled from `holeTexts` (JSON text per hole; `null` when missing).
    public func render(holeTexts: [String?], into out: inout String) {
        switch self {
        case .json(let value): out += value.serialized
        case .null: out += "null"
        case .hole(let index): out += (index < holeTexts.count ? holeTexts[index] : nil) ?? "null"
        case .list(let items):
            out += "["
            for (position, item) in items.enumerated() {
                if position > 0 { out += "," }
                item.render(holeTexts: holeTexts, into: &out)
            }
            out += "]"
        case .object(let fields):
            out += "{"
            for (position, field) in fields.enumerated() {
                if position > 0 { out += "," }
                JSONValue.writeString(field.key, to: &out)
                out += ":"
                field.value.render(holeTexts: holeTexts, into: &out)
            }
            out += "}"
        }
    }
}
