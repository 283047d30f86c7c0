import GraphQL

/// The fields of a selection set after applying fragments and `@skip`/`@include`, merged
/// by response key in first-appearance order, as GraphQL's CollectFields defines it.
struct CollectedField {
    var responseKey: String
    var name: String
    /// Every AST node with this response key; arguments come from the first.
    var nodes: [Field]

    var first: Field { nodes[0] }

    /// The sub-selections of all merged nodes.
    var selectionSets: [SelectionSet] { nodes.compactMap(\.selectionSet) }
}

struct FieldCollector {
    let fragments: [String: FragmentDefinition]
    let variables: [String: JSONValue]

    func collect(_ selectionSets: [SelectionSet], typeName: String) throws(PlanError) -> [CollectedField] {
        var fields: [CollectedField] = []
        var indexByKey: [String: Int] = [:]
        var visitedFragments: Set<String> = []
        for selectionSet in selectionSets {
            try collect(
                selectionSet, typeName: typeName, into: &fields, indexByKey: &indexByKey,
                visitedFragments: &visitedFragments)
        }
        return fields
    }

    private func collect(
        _ selectionSet: SelectionSet, typeName: String, into fields: inout [CollectedField],
        indexByKey: inout [String: Int], visitedFragments: inout Set<String>
    ) throws(PlanError) {
        for selection in selectionSet.selections {
            switch selection {
            case let field as Field:
                guard try included(field.directives) else { continue }
                let key = field.alias?.value ?? field.name.value
                if let index = indexByKey[key] {
                    guard fields[index].name == field.name.value else {
                        throw PlanError(
                            "cannot merge different fields with the same response key: \"\(key)\" selects both \"\(fields[index].name)\" and \"\(field.name.value)\""
                        )
                    }
                    fields[index].nodes.append(field)
                } else {
                    indexByKey[key] = fields.count
                    fields.append(CollectedField(responseKey: key, name: field.name.value, nodes: [field]))
                }
            case let spread as FragmentSpread:
                guard try included(spread.directives) else { continue }
                let name = spread.name.value
                guard visitedFragments.insert(name).inserted else { continue }
                guard let fragment = fragments[name] else { throw PlanError("fragment \"\(name)\" is not defined") }
                guard fragment.typeCondition.name.value == typeName else { continue }
                try collect(
                    fragment.selectionSet, typeName: typeName, into: &fields, indexByKey: &indexByKey,
                    visitedFragments: &visitedFragments)
            case let inline as InlineFragment:
                guard try included(inline.directives) else { continue }
                if let condition = inline.typeCondition, condition.name.value != typeName { continue }
                try collect(
                    inline.selectionSet, typeName: typeName, into: &fields, indexByKey: &indexByKey,
                    visitedFragments: &visitedFragments)
            default:
                continue
            }
        }
    }

    /// `@skip(if:)` and `@include(if:)`.
    private func included(_ directives: [Directive]) throws(PlanError) -> Bool {
        for directive in directives where directive.name.value == "skip" || directive.name.value == "include" {
            guard let argument = directive.arguments.first(where: { $0.name.value == "if" }),
                let node = InputNode.resolve(argument.value, variables: variables),
                case .scalar(.bool(let condition)) = node.value
            else {
                throw PlanError("directive '\(directive.name.value)' expects a Boolean argument 'if'")
            }
            if directive.name.value == "skip" && condition { return false }
            if directive.name.value == "include" && !condition { return false }
        }
        return true
    }
}
