import Foundation
import HTTPTypes
import Hummingbird
public import HummingbirdTesting
import Logging
public import MinistackCore
public import MinistackEngine
import MinistackPostgres
import MinistackServer

/// The example project served from a real database (a seeded SQLite file, or a database in
/// the test run's throwaway Postgres cluster), reached through the HTTP router.
///
/// One instance per database kind per test process; tests only read from it.
public final class ExampleServer: Sendable {
    public let kind: DatabaseKind
    public let databaseURL: String
    public let engine: Engine

    init(kind: DatabaseKind, databaseURL: String, engine: Engine) {
        self.kind = kind
        self.databaseURL = databaseURL
        self.engine = engine
    }

    /// The shared server for `kind`, started on first use. A Postgres failure to start throws (never skips).
    public static func shared(_ kind: DatabaseKind) async throws -> ExampleServer {
        try await Registry.instance.server(kind)
    }

    private actor Registry {
        static let instance = Registry()
        var servers: [DatabaseKind: Task<ExampleServer, any Error>] = [:]

        func server(_ kind: DatabaseKind) async throws -> ExampleServer {
            if let task = servers[kind] { return try await task.value }
            let task = Task { try await ExampleServer.start(kind) }
            servers[kind] = task
            return try await task.value
        }
    }

    static func start(_ kind: DatabaseKind) async throws -> ExampleServer {
        let url: String
        switch kind {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "ministack-tests-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            url = "sqlite:" + directory.appendingPathComponent("example.sqlite").path
        case .postgres:
            let cluster = try await PostgresCluster.shared()
            url = try await cluster.createDatabase(named: "example_\(UInt32.random(in: 0..<UInt32.max))")
            let driver = try PostgresDriver(url: PostgresURL(url))
            defer { Task { await driver.shutdown() } }
            try await driver.executeScript(try ExampleProject.seed(for: .postgres))
        }
        return try await serve(kind, databaseURL: url)
    }

    /// Loads the example metadata over `databaseURL` (a SQLite file is created and seeded by the
    /// loader itself, as `serve` does on first run) into a server that can also reload.
    static func serve(_ kind: DatabaseKind, databaseURL url: String) async throws -> ExampleServer {
        let configuration = ServeConfiguration(
            databaseURL: url, metadataDirectory: ExampleProject.metadataDirectory,
            seedsDirectory: ExampleProject.seedsDirectory)
        var logger = Logger(label: "ministack.tests")
        logger.logLevel = .error
        let reloadLogger = logger
        let snapshot = try await SnapshotLoader.load(configuration, logger: logger)
        let server = ExampleServer(
            kind: kind, databaseURL: url,
            engine: Engine(
                store: SnapshotStore(snapshot), logger: logger,
                loader: { try await SnapshotLoader.build($0, configuration: configuration, logger: reloadLogger) }))
        if !snapshot.model.inconsistencies.isEmpty {
            await server.shutdown()
            throw ExampleServerError(
                "the example metadata is inconsistent on \(kind): \(snapshot.model.inconsistencies)")
        }
        return server
    }

    /// Runs `body` with a client of the HTTP router (no sockets).
    public func withClient<Value: Sendable>(
        adminSecret: String? = nil, authenticator: Authenticator? = nil,
        _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        let authenticator =
            if let authenticator { authenticator } else { try await Authenticator(adminSecret: adminSecret) }
        let router = MinistackServer.router(engine: engine, authenticator: authenticator)
        let application = Application(router: router)
        return try await application.test(.router) { client in try await body(client) }
    }

    /// POSTs a GraphQL request and returns the HTTP status and the parsed body.
    public func graphQL(
        _ query: String, variables: JSONValue? = nil, operationName: String? = nil, headers: [String: String] = [:],
        adminSecret: String? = nil, authenticator: Authenticator? = nil
    ) async throws -> (status: Int, body: JSONValue) {
        var fields: [(String, JSONValue)] = [("query", .string(query))]
        if let variables { fields.append(("variables", variables)) }
        if let operationName { fields.append(("operationName", .string(operationName))) }
        return try await post(
            body: JSONValue.fields(fields).serialized, headers: headers, adminSecret: adminSecret,
            authenticator: authenticator)
    }

    /// POSTs raw bytes to `/v1/graphql`.
    public func post(
        body: String, headers: [String: String] = [:], adminSecret: String? = nil, authenticator: Authenticator? = nil
    ) async throws -> (status: Int, body: JSONValue) {
        try await withClient(adminSecret: adminSecret, authenticator: authenticator) { client in
            var fields = HTTPFields()
            fields[.contentType] = "application/json"
            for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
            return try await client.execute(
                uri: "/v1/graphql", method: .post, headers: fields, body: ByteBuffer(string: body)
            ) { response in
                (Int(response.status.code), try JSONParser.parse(String(buffer: response.body)))
            }
        }
    }
}

/// A fixture that could not be prepared.
public struct ExampleServerError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
