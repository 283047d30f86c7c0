import Hummingbird
import MinistackCore
import MinistackEngine

/// Resolves the session once per request; an authentication failure answers at once.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = MinistackRequestContext

    let authenticator: Authenticator
    /// `/v1/graphql` answers authentication errors as GraphQL errors (HTTP 200); `/v1/metadata`
    /// as `{"path", "error", "code"}` with HTTP 401.
    var answersAsGraphQL = true

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        var request = request
        var body: JSONValue?
        if authenticator.needsRequestBody {
            let bytes = try await request.collectBody(upTo: context.maxUploadSize)
            body = try? JSONParser.parse(bytes: Array(buffer: bytes))
        }
        switch await authenticator.authenticate(headers: headers, request: body) {
        case .success(let session):
            var context = context
            context.session = session
            return try await next(request, context)
        case .failure(let error):
            guard answersAsGraphQL else {
                return JSONResponse.make(
                    status: .unauthorized, body: error.metadataErrorJSON(includeInternal: false).serialized)
            }
            return JSONResponse.make(
                status: .ok, body: HasuraError.graphQLResponseBody([error], includeInternal: false))
        }
    }
}

/// JSON bodies written as the engine produced them, never re-encoded.
enum JSONResponse {
    static func make(status: HTTPResponse.Status, body: String) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
