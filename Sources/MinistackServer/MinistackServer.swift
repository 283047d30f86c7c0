public import Hummingbird
public import Logging
public import MinistackConsole
import MinistackCore
public import MinistackEngine

/// The HTTP edge: routes, the session middleware, and the one place errors become responses.
public enum MinistackServer {
    /// The router of every endpoint; tests drive it without sockets. `console`: the web console's
    /// files to serve at `/console` (nil: no console, `--no-console`).
    public static func router(
        engine: Engine, authenticator: Authenticator, console: ConsoleAssets? = .embeddedAssets
    )
        -> Router<MinistackRequestContext>
    {
        let router = Router(context: MinistackRequestContext.self)
        if let console { ConsoleRoutes.add(to: router, responder: ConsoleResponder(assets: console)) }
        router.get("/healthz") { _, _ -> Response in
            guard await engine.isHealthy() else {
                return Response(
                    status: .internalServerError, body: ResponseBody(byteBuffer: ByteBuffer(string: "ERROR")))
            }
            let text = engine.hasInconsistencies ? "WARN: inconsistent objects in schema" : "OK"
            return Response(
                status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
        router.get("/v1/version") { _, _ -> Response in
            JSONResponse.make(status: .ok, body: "{\"version\":\(JSONValue.quoted(MinistackVersion.current))}")
        }
        router.group("/v1/graphql")
            .add(middleware: SessionMiddleware(authenticator: authenticator))
            .post { request, context -> Response in
                let buffer = try await request.body.collect(upTo: context.maxUploadSize)
                let session = context.session ?? .admin
                let headers = request.headers.map { (name: $0.name.rawName, value: $0.value) }
                let response = await engine.handleGraphQL(
                    body: Array(buffer.readableBytesView), session: session, clientHeaders: headers)
                return JSONResponse.make(status: .init(code: response.status), body: response.body)
            }
        let adminEndpoints: [(path: RouterPath, handle: @Sendable ([UInt8], Session) async -> EngineResponse)] = [
            ("/v1/metadata", engine.handleMetadata), ("/v2/query", engine.handleQuery),
        ]
        for endpoint in adminEndpoints {
            router.group(endpoint.path)
                .add(middleware: SessionMiddleware(authenticator: authenticator, answersAsGraphQL: false))
                .post { request, context -> Response in
                    let buffer = try await request.body.collect(upTo: context.maxUploadSize)
                    let response = await endpoint.handle(Array(buffer.readableBytesView), context.session ?? .admin)
                    return JSONResponse.make(status: .init(code: response.status), body: response.body)
                }
        }
        return router
    }

    /// Serves until SIGTERM or SIGINT, then lets in-flight requests finish.
    public static func run(
        engine: Engine, authenticator: Authenticator, host: String, port: Int,
        console: ConsoleAssets? = .embeddedAssets, logger: Logger
    ) async throws {
        try await application(
            engine: engine, authenticator: authenticator, host: host, port: port, console: console, logger: logger
        )
        .runService()
    }

    /// The HTTP application listening on `host:port`.
    public static func application(
        engine: Engine, authenticator: Authenticator, host: String, port: Int,
        console: ConsoleAssets? = .embeddedAssets, logger: Logger
    ) -> some ApplicationProtocol {
        Application(
            router: router(engine: engine, authenticator: authenticator, console: console),
            configuration: .init(address: .hostname(host, port: port), serverName: "ministack"),
            logger: logger)
    }
}

/// The version `/v1/version` and `ministack version` report.
public enum MinistackVersion {
    public static let current = "0.1.0"
}
