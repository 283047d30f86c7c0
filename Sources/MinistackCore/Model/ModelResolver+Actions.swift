/// Custom types and actions: a stage after the sources, since action types may name database scalars.
extension ModelResolver {
    /// Scalars every action may use without declaring them: GraphQL's own and the database
    /// types Hasura exposes under their own names.
    static let builtInScalars: Set = [
        "Int", "Float", "String", "Boolean", "ID", "bigint", "smallint", "numeric", "float8", "money", "uuid", "date",
        "time", "timetz", "timestamp", "timestamptz", "interval", "json", "jsonb", "bytea", "bpchar", "citext", "name",
        "inet", "oid",
    ]

    /// Checks the custom types (unique names, field types that exist and fit), then each action
    /// (argument and output types, the handler's `{{ENV}}` placeholders, unique names).
    static func checkActions(
        _ actions: [ActionMetadata], customTypes types: CustomTypes, databaseScalars: Set<String>,
        environment: [String: String], inconsistencies: inout [Inconsistency]
    ) {
        let scalars = builtInScalars.union(databaseScalars).union(types.scalars.map(\.name))
        let enums = Set(types.enums.map(\.name))
        let inputObjects = Set(types.inputObjects.map(\.name))
        let objects = Set(types.objects.map(\.name))

        var problems: [String] = []
        var counts: [String: Int] = [:]
        for name in types.allNames { counts[name, default: 0] += 1 }
        let duplicates = types.allNames.filter { counts[$0]! > 1 }
        if !duplicates.isEmpty {
            var listed: Set<String> = []
            let names = duplicates.filter { listed.insert($0).inserted }.map { "\"\($0)\"" }
            problems.append("duplicate type names: " + names.joined(separator: ", "))
        }
        for input in types.inputObjects {
            for field in input.fields {
                let base = baseTypeName(field.type)
                if !(scalars.contains(base) || enums.contains(base) || inputObjects.contains(base)) {
                    problems.append(
                        "the type \(base) for field \(field.name) in input object type \(input.name) does not exist")
                }
            }
        }
        for object in types.objects {
            for field in object.fields {
                let base = baseTypeName(field.type)
                if inputObjects.contains(base) {
                    problems.append(
                        "the type \(base) for field \(field.name) in object type \(object.name) is an input object type"
                    )
                } else if !(scalars.contains(base) || enums.contains(base) || objects.contains(base)) {
                    problems.append(
                        "the type \(base) for field \(field.name) in object type \(object.name) does not exist")
                }
            }
        }
        if !problems.isEmpty {
            inconsistencies.append(
                Inconsistency(
                    type: "custom_types", name: "custom_types", reason: problems.joined(separator: "; "),
                    definition: types.exportJSON, subject: .customTypes))
        }

        var seen: Set<String> = []
        for action in actions {
            func fail(_ reason: String) {
                inconsistencies.append(
                    Inconsistency(
                        type: "action", name: "action \(action.name)", reason: reason, definition: action.exportJSON,
                        subject: .action(action.name)))
            }
            guard seen.insert(action.name).inserted else {
                fail("multiple definitions for action \"\(action.name)\"")
                continue
            }
            if let argument = action.definition.arguments.first(where: { argument in
                let base = baseTypeName(argument.type)
                return !(scalars.contains(base) || enums.contains(base) || inputObjects.contains(base))
            }) {
                fail(
                    "the type: \"\(baseTypeName(argument.type))\" is not defined in custom types or it is not a scalar/enum/input_object"
                )
                continue
            }
            let output = baseTypeName(action.definition.outputType)
            guard objects.contains(output) || scalars.contains(output) else {
                fail("the type: \"\(output)\" is not an object or scalar type defined in custom types")
                continue
            }
            if case .failure(let missing) = action.definition.handler.render(in: environment) {
                fail(missing.description)
            }
        }
    }

    /// `Book` for `[Book!]!`.
    static func baseTypeName(_ reference: String) -> String {
        String(reference.filter { $0 != "[" && $0 != "]" && $0 != "!" && !$0.isWhitespace })
    }
}
