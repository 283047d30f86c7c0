import MinistackCore
import OrderedCollections

/// The body of a `POST /v1/graphql`: `{"query", "variables"?, "operationName"?}`.
struct GraphQLRequest: Sendable {
    var query: String
    var variables: JSONValue?
    var operationName: String?

    /// Reads one request object; the error is Hasura's `{"path","error","code"}` for HTTP 400.
    init(json: JSONValue, path: String) throws(HasuraError) {
        guard case .object(let fields) = json else {
            throw HasuraError(
                .parseFailed, "expected an object for the GraphQL request, but found \(json.kindName)", path: path)
        }
        guard let query = fields["query"] else {
            throw HasuraError(.parseFailed, "key \"query\" not found", path: path)
        }
        guard case .string(let text) = query else {
            throw HasuraError(
                .parseFailed, "expected a string for \"query\", but found \(query.kindName)", path: path + ".query")
        }
        self.query = text
        variables = fields["variables"]
        switch fields["operationName"] {
        case nil, .null?: operationName = nil
        case .string(let name)?: operationName = name
        case let other?:
            throw HasuraError(
                .parseFailed, "expected a string for \"operationName\", but found \(other.kindName)",
                path: path + ".operationName")
        }
    }
}

/// What the HTTP layer writes back: a status and a JSON body built by the engine.
public struct EngineResponse: Sendable {
    public var status: Int
    public var body: String

    public init(status: Int, body: String) {
        self.status = status
        self.body = body
    }
}
