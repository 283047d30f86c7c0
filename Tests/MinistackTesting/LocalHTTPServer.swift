public import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A Hummingbird server on a free loopback port, for webhooks and handlers the tests answer.
///
/// Start it with `start(router:)`; it serves until `stop()`.
public final class LocalHTTPServer: Sendable {
    public let port: Int
    private let task: Task<Void, any Error>

    private init(port: Int, task: Task<Void, any Error>) {
        self.port = port
        self.task = task
    }

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    public static func start(router: Router<BasicRequestContext>) async throws -> LocalHTTPServer {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "local-http-server")
        logger.logLevel = .warning
        let application = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        let task = Task { try await application.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            throw LocalHTTPServerError()
        }
        return LocalHTTPServer(port: port, task: task)
    }

    public func stop() { task.cancel() }
}

struct LocalHTTPServerError: Error, CustomStringConvertible {
    var description: String { "the local HTTP server did not start" }
}
