import GraphQL
import MinistackCore
import OrderedCollections

/// Answers `__schema` / `__type` with GraphQLSwift's executor over the role's schema.
/// Slow for big schemas, so results are cached per prepared operation and variables.
enum IntrospectionExecutor {
    /// Root field alias → its JSON text.
    static func execute(documentText: String, schema: GraphQLSchema, variables: [String: JSONValue])
        async throws(HasuraError) -> [String: String]
    {
        do {
            let document = try parse(source: documentText)
            let result = try await GraphQL.execute(
                schema: schema, documentAST: document, rootValue: (), context: (),
                variableValues: variables.mapValues(map(from:)))
            if let error = result.errors.first {
                throw HasuraError(.validationFailed, error.message, path: "$")
            }
            guard case .dictionary(let fields)? = result.data else { return [:] }
            var answers: [String: String] = [:]
            for (key, value) in fields { answers[key] = json(from: value).serialized }
            return answers
        } catch let error as HasuraError {
            throw error
        } catch {
            throw HasuraError(.unexpected, "introspection failed", path: "$", internal: .string("\(error)"))
        }
    }

    static func map(from value: JSONValue) -> Map {
        switch value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .number(let digits): Int(digits).map { Map.number(Number($0)) } ?? .number(Number(Double(digits) ?? 0))
        case .string(let text): .string(text)
        case .array(let items): .array(items.map(map(from:)))
        case .object(let fields):
            .dictionary(OrderedDictionary(uniqueKeysWithValues: fields.map { ($0.key, map(from: $0.value)) }))
        }
    }

    static func json(from map: Map) -> JSONValue {
        switch map {
        case .undefined, .null: .null
        case .bool(let flag): .bool(flag)
        case .number(let number): .number(number.stringValue)
        case .string(let text): .string(text)
        case .array(let items): .array(items.map(json(from:)))
        case .dictionary(let fields):
            .object(OrderedDictionary(uniqueKeysWithValues: fields.map { ($0.key, json(from: $0.value)) }))
        }
    }
}
