import Foundation
import GraphQL
import HTTPTypes
import Hummingbird
public import MinistackCore
import NIOCore
import OrderedCollections
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A real GraphQL server on a free loopback port, for tests of remote schemas: ministack merges
/// it into its own schema and forwards parts of queries to it.
///
/// It answers `POST /graphql` with a body `{"query", "variables"?, "operationName"?}` by executing
/// the request with GraphQLSwift against one of two small schemas (see `Kind`), introspection
/// included, and records every request it receives (body and headers) so that a test can check
/// what ministack forwarded.
///
/// ```swift
/// let remote = try await RemoteGraphQLServer.start(.library)
/// defer { remote.stop() }
/// // add remote.url to ministack as a remote schema, query through ministack, then:
/// #expect(remote.requests.last?.query?.contains("books") == true)
/// ```
///
/// Each server has its own data: the library's mutation `addBook` changes only that server.
public final class RemoteGraphQLServer: Sendable {
    /// Which schema the server serves. `RemoteGraphQLServer.sdl(of:)` gives each one's SDL.
    public enum Kind: String, Sendable, CaseIterable {
        /// Books, authors and genres: queries with arguments, a union, an interface, a custom
        /// scalar, errors at a root field and inside a list, a mutation with an input object,
        /// and `echoHeaders`.
        case library
        /// Forecasts and stations, queries only. Shares the root fields `hello`, `node` and
        /// `echoHeaders` and the types `Node`, `DateTime` and `Header` with `library`, so that
        /// serving both needs customization.
        case weather
    }

    /// An HTTP header as received; `name` is lowercased.
    public struct Header: Sendable, Hashable, CustomStringConvertible {
        public let name: String
        public let value: String

        public init(name: String, value: String) {
            self.name = name.lowercased()
            self.value = value
        }

        public var description: String { "\(name): \(value)" }
    }

    /// One request to `POST /graphql`, recorded before it is answered (a request answered late,
    /// or never because the client gave up, is recorded too).
    public struct ReceivedRequest: Sendable {
        /// The body exactly as received.
        public let body: String
        /// The headers in the order received, names lowercased.
        public let headers: [Header]

        /// The body parsed, or nil when it is not JSON.
        public var json: JSONValue? { try? JSONParser.parse(body) }
        /// The body's `query`.
        public var query: String? { json?["query"]?.stringValue }
        /// The body's `variables`, when present.
        public var variables: JSONValue? { json?["variables"] }
        /// The body's `operationName`, when present.
        public var operationName: String? { json?["operationName"]?.stringValue }

        /// The value of the header `name` (any case), the first one if repeated.
        public func header(_ name: String) -> String? {
            let name = name.lowercased()
            return headers.first { $0.name == name }?.value
        }
    }

    public let kind: Kind
    /// The name the server was started with (`kind.rawValue` unless given); `hello` says it.
    public let name: String
    private let http: LocalHTTPServer
    private let shared: Shared

    private init(kind: Kind, name: String, http: LocalHTTPServer, shared: Shared) {
        self.kind = kind
        self.name = name
        self.http = http
        self.shared = shared
    }

    /// Starts a server of the given kind on a free loopback port.
    ///
    /// - Parameters:
    ///   - name: what `hello` answers with (`"Hello from <name>!"`), to tell two servers of one
    ///     kind apart; `kind.rawValue` when nil.
    ///   - delay: how long to wait before answering each request (see `delay`).
    public static func start(_ kind: Kind = .library, name: String? = nil, delay: Duration = .zero) async throws
        -> RemoteGraphQLServer
    {
        let name = name ?? kind.rawValue
        let schema: GraphQLSchema
        switch kind {
        case .library: schema = try RemoteLibrarySchema.make(name: name)
        case .weather: schema = try RemoteWeatherSchema.make(name: name)
        }
        let shared = Shared(schema: schema, delay: delay)
        let router = Router()
        router.post("/graphql") { request, _ in
            let body = String(buffer: try await request.body.collect(upTo: 16 << 20))
            let headers = request.headers.map { Header(name: $0.name.canonicalName, value: $0.value) }
            let (delay, canned) = shared.record(ReceivedRequest(body: body, headers: headers))
            if delay > .zero { try await Task.sleep(for: delay) }
            let (status, text) = if let canned { canned } else { await shared.answer(body: body, headers: headers) }
            return Response(
                status: status, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
        let http = try await LocalHTTPServer.start(router: router)
        return RemoteGraphQLServer(kind: kind, name: name, http: http, shared: shared)
    }

    /// The GraphQL endpoint, e.g. `http://127.0.0.1:54321/graphql`.
    public var url: String { http.baseURL + "/graphql" }

    /// The loopback port the server listens on.
    public var port: Int { http.port }

    /// The requests received so far, oldest first.
    public var requests: [ReceivedRequest] { shared.state.withLock { $0.requests } }

    /// Forgets the requests received so far (e.g. the introspection when the remote was added).
    public func clearRequests() { shared.state.withLock { $0.requests.removeAll() } }

    /// How long the server waits before answering each request; settable while it runs, so a
    /// test can let ministack introspect quickly and then make the next query time out.
    public var delay: Duration {
        get { shared.state.withLock { $0.delay } }
        set { shared.state.withLock { $0.delay = newValue } }
    }

    /// Answers the next request (recorded, and delayed, as usual) with this status and body
    /// instead of executing it; answers queue up in order. For what GraphQLSwift cannot answer
    /// (e.g. a list with a null item) and for failures: a 500, a body that is not JSON.
    public func answerNext(status: Int = 200, body: String) {
        shared.state.withLock { $0.canned.append((HTTPResponse.Status(code: status), body)) }
    }

    /// The schema served, as SDL.
    public var sdl: String { printSchema(schema: shared.schema) }

    /// The SDL of a kind's schema.
    public static func sdl(of kind: Kind) throws -> String {
        switch kind {
        case .library: try printSchema(schema: RemoteLibrarySchema.make(name: kind.rawValue))
        case .weather: try printSchema(schema: RemoteWeatherSchema.make(name: kind.rawValue))
        }
    }

    public func stop() { http.stop() }

    /// Posts a GraphQL request to the server over HTTP and returns the status and the parsed
    /// response: the remote's own answer, to compare with what ministack makes of it. The
    /// request is recorded like any other.
    public func post(
        _ query: String, variables: JSONValue? = nil, operationName: String? = nil, headers: [String: String] = [:]
    ) async throws -> (status: Int, body: JSONValue) {
        var fields: [(String, JSONValue)] = [("query", .string(query))]
        if let variables { fields.append(("variables", variables)) }
        if let operationName { fields.append(("operationName", .string(operationName))) }
        return try await post(body: JSONValue.fields(fields).serialized, headers: headers)
    }

    /// Posts a raw body (which need not be JSON) to the server; throws when the answer is not JSON.
    public func post(body: String, headers: [String: String] = [:]) async throws -> (status: Int, body: JSONValue) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = "POST"
        request.httpBody = Data(body.utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        return (status, try JSONParser.parse(String(decoding: data, as: UTF8.self)))
    }
}

extension RemoteGraphQLServer {
    /// What the router's handler shares with the server object.
    final class Shared: Sendable {
        struct State {
            var requests: [ReceivedRequest] = []
            var delay: Duration
            var canned: [(HTTPResponse.Status, String)] = []
        }

        let schema: GraphQLSchema
        let state: Mutex<State>

        init(schema: GraphQLSchema, delay: Duration) {
            self.schema = schema
            state = Mutex(State(delay: delay))
        }

        /// Records the request; returns how long to wait before answering it, and the canned
        /// answer to give, if one is queued.
        func record(_ request: ReceivedRequest) -> (Duration, (HTTPResponse.Status, String)?) {
            state.withLock { state in
                state.requests.append(request)
                return (state.delay, state.canned.isEmpty ? nil : state.canned.removeFirst())
            }
        }

        /// The HTTP status and JSON text that answer a request body: 200 with the GraphQL result
        /// (syntax and validation errors included), or 400 when the body is not a GraphQL request.
        func answer(body: String, headers: [Header]) async -> (HTTPResponse.Status, String) {
            let request: GraphQLRequest
            do {
                request = try JSONDecoder().decode(GraphQLRequest.self, from: Data(body.utf8))
            } catch {
                let message = "the body is not a GraphQL request ({\"query\", \"variables\", \"operationName\"})"
                return (.badRequest, Self.encode(GraphQLResult(errors: [GraphQLError(message: message)])))
            }
            let result: GraphQLResult
            do {
                result = try await graphql(
                    schema: schema, request: request.query, context: RemoteRequestContext(headers: headers),
                    variableValues: request.variables, operationName: request.operationName)
            } catch let error as GraphQLError {
                result = GraphQLResult(errors: [error])  // a syntax error
            } catch {
                result = GraphQLResult(errors: [GraphQLError(error)])
            }
            return (.ok, Self.encode(result))
        }

        /// The result as JSON, `data` before `errors`, corrected to the spec where GraphQLSwift
        /// strays: an error has no `path` unless raised while executing a field, and `data` is
        /// `null` (GraphQLSwift leaves it out) when such an error nulled the whole result.
        static func encode(_ result: GraphQLResult) -> String {
            guard let encoded = try? GraphQLJSONEncoder().encode(result),
                case .object(let object) = try? JSONParser.parse(String(decoding: encoded, as: UTF8.self))
            else { return #"{"errors":[{"message":"the result could not be encoded"}]}"# }
            guard case .array(var errors) = object["errors"] else { return JSONValue.object(object).serialized }
            for index in errors.indices {
                guard case .object(var fields) = errors[index], fields["path"] == .array([]) else { continue }
                fields.removeValue(forKey: "path")
                errors[index] = .object(fields)
            }
            var fields: [(String, JSONValue)] = []
            if let data = object["data"] {
                fields.append(("data", data))
            } else if errors.contains(where: { $0["path"] != nil }) {
                fields.append(("data", .null))
            }
            fields.append(("errors", .array(errors)))
            return JSONValue.fields(fields).serialized
        }
    }
}

/// The context a remote schema's resolvers get: the request's headers, for `echoHeaders`.
struct RemoteRequestContext: Sendable {
    var headers: [RemoteGraphQLServer.Header]
}
