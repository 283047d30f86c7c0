import GraphQL

/// What `actions.graphql` declares: the actions (fields of `type Query` / `type Mutation`,
/// or of `extend type …`) and the custom types, with their descriptions.
struct ActionsSDL: Sendable, Hashable {
    /// An action's signature as the SDL gives it; the handler and the rest come from `actions.yaml`.
    struct Action: Sendable, Hashable {
        var name: String
        var type: ActionType
        var arguments: [ActionArgument]
        var outputType: String
    }

    var actions: [Action] = []
    var customTypes = CustomTypes()
}

/// Reads `actions.graphql` with GraphQLSwift's parser, as Hasura CLI's `sdl from` does.
enum ActionsSDLReader {
    static let file = "actions.graphql"

    static func read(_ text: String) throws(MetadataError) -> ActionsSDL {
        // An empty file (or one with only comments) declares nothing; GraphQL's grammar wants a definition.
        let declaresSomething = text.split(separator: "\n").contains { (line: Substring) -> Bool in
            let content = String(line).trimmingCharactersInSet()
            return !content.isEmpty && !content.hasPrefix("#")
        }
        guard declaresSomething else { return ActionsSDL() }
        let document: Document
        do {
            document = try parse(source: text)
        } catch let error as GraphQLError {
            let location = error.locations.first.map { "line \($0.line), column \($0.column)" } ?? "$"
            throw .invalidShape(file: file, path: location, message: error.message)
        } catch {
            throw .invalidShape(file: file, path: "$", message: "\(error)")
        }
        var sdl = ActionsSDL()
        for definition in document.definitions {
            let object: ObjectTypeDefinition?
            if let extensionDefinition = definition as? TypeExtensionDefinition {
                object = extensionDefinition.definition
            } else {
                object = definition as? ObjectTypeDefinition
            }
            if let object, let type = ActionType(rootTypeName: object.name.value) {
                for field in object.fields {
                    sdl.actions.append(
                        ActionsSDL.Action(
                            name: field.name.value, type: type,
                            arguments: field.arguments.map { argument in
                                ActionArgument(
                                    name: argument.name.value, type: typeReference(argument.type),
                                    description: description(argument.description))
                            },
                            outputType: typeReference(field.type)))
                }
                continue
            }
            switch definition {
            case let object as ObjectTypeDefinition:
                sdl.customTypes.objects.append(
                    CustomObjectType(
                        name: object.name.value, description: description(object.description),
                        fields: object.fields.map { field in
                            CustomTypeField(
                                name: field.name.value, type: typeReference(field.type),
                                description: description(field.description))
                        }))
            case let input as InputObjectTypeDefinition:
                sdl.customTypes.inputObjects.append(
                    CustomInputObjectType(
                        name: input.name.value, description: description(input.description),
                        fields: input.fields.map { field in
                            CustomTypeField(
                                name: field.name.value, type: typeReference(field.type),
                                description: description(field.description))
                        }))
            case let scalar as ScalarTypeDefinition:
                sdl.customTypes.scalars.append(
                    CustomScalarType(name: scalar.name.value, description: description(scalar.description)))
            case let enumType as EnumTypeDefinition:
                sdl.customTypes.enums.append(
                    CustomEnumType(
                        name: enumType.name.value, description: description(enumType.description),
                        values: enumType.values.map { value in
                            CustomEnumValue(value: value.name.value, description: description(value.description))
                        }))
            default:
                throw .invalidShape(
                    file: file, path: location(of: definition),
                    message: "only object, input, enum and scalar types and Query/Mutation fields may be defined here"
                )
            }
        }
        return sdl
    }

    /// `[Book!]!` for the AST of a type reference.
    static func typeReference(_ type: any GraphQL.`Type`) -> String {
        switch type {
        case let named as NamedType: named.name.value
        case let list as ListType: "[" + typeReference(list.type) + "]"
        case let nonNull as NonNullType: typeReference(nonNull.type) + "!"
        default: "\(type)"
        }
    }

    /// A description without the surrounding whitespace (`""" A user """` → `A user`), as the CLI reads it.
    static func description(_ value: StringValue?) -> String? {
        guard let text = value?.value.trimmingCharactersInSet(), !text.isEmpty else { return nil }
        return text
    }

    private static func location(of definition: any Definition) -> String {
        guard let location = definition.loc else { return "$" }
        return "line \(location.startToken.line)"
    }
}

extension ActionType {
    /// `.query` for `Query`, `.mutation` for `Mutation`.
    init?(rootTypeName: String) {
        switch rootTypeName {
        case "Query": self = .query
        case "Mutation": self = .mutation
        default: return nil
        }
    }
}
