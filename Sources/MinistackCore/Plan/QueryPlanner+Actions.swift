import GraphQL

/// Action root fields: the handler's input from the arguments, and the output selection
/// checked against the custom types (relationships to tables planned as row selections).
extension QueryPlanner {
    mutating func actionCall(_ field: CollectedField, named name: String, path: String) throws(PlanError)
        -> ActionCallIR
    {
        guard let action = model.actions.action(named: name) else {
            throw PlanError("action \(name) is not available", path: path, code: .unexpected)
        }
        // The input embeds the variables' values, so the plan is for this request only.
        isCacheable = false
        let given = arguments(of: field.first)
        let input = JSONValue.fields(
            action.definition.arguments.compactMap { argument in given[argument.name].map { (argument.name, $0.json) } }
        )
        guard let outputType = TypeRef(parsing: Substring(action.definition.outputType)) else {
            throw PlanError("the output type of action \(name) cannot be read", path: path, code: .unexpected)
        }
        let output = try outputSelection(field.selectionSets, typeName: outputType.namedType, path: path)
        return ActionCallIR(action: action, input: input, output: output)
    }

    mutating func asyncActionResult(_ field: CollectedField, named name: String, path: String) throws(PlanError)
        -> AsyncActionResultIR
    {
        guard let action = model.actions.action(named: name),
            let outputType = TypeRef(parsing: Substring(action.definition.outputType))
        else { throw PlanError("action \(name) is not available", path: path, code: .unexpected) }
        isCacheable = false
        let id = arguments(of: field.first)["id"]?.json ?? .null
        var fields: [(alias: String, field: AsyncActionResultField)] = []
        for subfield in try collector.collect(field.selectionSets, typeName: name) {
            switch subfield.name {
            case "__typename": fields.append((subfield.responseKey, .typename(name)))
            case "id": fields.append((subfield.responseKey, .id))
            case "created_at": fields.append((subfield.responseKey, .createdAt))
            case "errors": fields.append((subfield.responseKey, .errors))
            case "output":
                let selection = try outputSelection(
                    subfield.selectionSets, typeName: outputType.namedType, path: path + ".selectionSet.output")
                fields.append((subfield.responseKey, .output(selection)))
            default: throw missingField(subfield.name, name, path + ".selectionSet.\(subfield.name)")
            }
        }
        return AsyncActionResultIR(action: action, id: id, fields: fields)
    }

    /// The selection of a value of custom type `typeName` (a leaf for scalars and enums).
    mutating func outputSelection(_ selectionSets: [SelectionSet], typeName: String, path: String) throws(PlanError)
        -> ActionOutputSelection
    {
        guard let object = model.actions.object(named: typeName) else { return .leaf(typeName: typeName) }
        var fields: [(alias: String, field: ActionOutputField)] = []
        for subfield in try collector.collect(selectionSets, typeName: typeName) {
            let subpath = path + ".selectionSet.\(subfield.name)"
            if subfield.name == "__typename" {
                fields.append((subfield.responseKey, .typename(typeName)))
            } else if let declared = object.fields.first(where: { $0.name == subfield.name }) {
                guard let type = TypeRef(parsing: Substring(declared.type)) else {
                    throw PlanError("the type of \(typeName).\(declared.name) cannot be read", path: subpath)
                }
                let selection = try outputSelection(subfield.selectionSets, typeName: type.namedType, path: subpath)
                fields.append((subfield.responseKey, .value(name: declared.name, type: type, selection: selection)))
            } else if let relationship = model.actions.relationships[typeName]?.first(where: {
                $0.name == subfield.name
            }) {
                let table = try resolvedTable(relationship.target, path: subpath)
                let rows: SelectionIR
                switch relationship.kind {
                case .array: rows = try selection(subfield, table: table, path: subpath)
                case .object:
                    rows = SelectionIR(
                        table: table, arguments: SelectArguments(),
                        fields: try rowFields(subfield, table: table, path: subpath))
                }
                fields.append((subfield.responseKey, .relationship(relationship, rows)))
            } else {
                throw missingField(subfield.name, typeName, subpath)
            }
        }
        return .object(typeName: typeName, fields: fields)
    }
}
