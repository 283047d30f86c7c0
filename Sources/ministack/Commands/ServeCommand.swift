import ArgumentParser
import Foundation
import Logging
import MinistackConsole
import MinistackCore
import MinistackEngine
import MinistackServer

/// `ministack serve`: load metadata, connect, and answer GraphQL over HTTP until SIGTERM/SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the GraphQL API.",
        discussion: """
            Examples:
              ministack serve
              ministack serve --database-url postgres://postgres@127.0.0.1:5432/app
              ministack serve --database-url app.db --track-all --port 9000

            Each option falls back to an environment variable (ministack's name first, then Hasura's).
            """
    )

    @Option(
        help: ArgumentHelp(
            "Database of the 'default' source: postgres://…, postgresql://…, sqlite:path, or a path ending in .db/.sqlite. (env: MINISTACK_DATABASE_URL, HASURA_GRAPHQL_DATABASE_URL; default: the metadata's URL, else sqlite:ministack.sqlite)",
            valueName: "url"))
    var databaseURL: String?

    @Option(
        help: ArgumentHelp("Hasura metadata directory (v3 layout). (env: MINISTACK_METADATA_DIR)", valueName: "dir"))
    var metadataDir: String?

    @Option(
        help: ArgumentHelp(
            "Seed SQL directory, applied when ministack creates a SQLite file. (default: seeds/ beside the metadata directory)",
            valueName: "dir"))
    var seedsDir: String?

    @Option(
        help: ArgumentHelp(
            "Address to listen on. (env: MINISTACK_HOST, HASURA_GRAPHQL_SERVER_HOST; default: 127.0.0.1)",
            valueName: "host"))
    var host: String?

    @Option(
        help: ArgumentHelp(
            "Port to listen on. (env: MINISTACK_PORT, HASURA_GRAPHQL_SERVER_PORT; default: 8080)", valueName: "port"))
    var port: Int?

    @Option(
        help: ArgumentHelp(
            "Require this value in the x-hasura-admin-secret header. (env: MINISTACK_ADMIN_SECRET, HASURA_GRAPHQL_ADMIN_SECRET)",
            valueName: "secret"))
    var adminSecret: String?

    @Option(
        help: ArgumentHelp(
            "Hasura's JWT configuration object, e.g. '{\"type\":\"HS256\",\"key\":\"…\"}'; needs an admin secret. (env: MINISTACK_JWT_SECRET, HASURA_GRAPHQL_JWT_SECRET)",
            valueName: "json"))
    var jwtSecret: String?

    @Option(
        help: ArgumentHelp(
            "Authentication webhook URL; needs an admin secret. (env: MINISTACK_AUTH_HOOK, HASURA_GRAPHQL_AUTH_HOOK)",
            valueName: "url"))
    var authHook: String?

    @Option(
        help: ArgumentHelp(
            "GET or POST. (env: MINISTACK_AUTH_HOOK_MODE, HASURA_GRAPHQL_AUTH_HOOK_MODE; default: GET)",
            valueName: "mode"))
    var authHookMode: String?

    @Option(
        help: ArgumentHelp(
            "Role for requests without credentials. (env: MINISTACK_UNAUTHORIZED_ROLE, HASURA_GRAPHQL_UNAUTHORIZED_ROLE)",
            valueName: "role"))
    var unauthorizedRole: String?

    @OptionGroup(title: "Event triggers") var events: EventOptions

    @Flag(
        name: .customLong("enable-console"),
        help:
            "Serve the web console at /console (the default). (env: MINISTACK_ENABLE_CONSOLE, HASURA_GRAPHQL_ENABLE_CONSOLE)"
    )
    var enableConsole = false

    @Flag(name: .customLong("no-console"), help: "Do not serve the web console.")
    var noConsole = false

    @Option(
        help: ArgumentHelp(
            "Serve the console's files from this directory instead of those built in, for working on the console. (env: MINISTACK_CONSOLE_ASSETS_DIR, HASURA_GRAPHQL_CONSOLE_ASSETS_DIR)",
            valueName: "dir"))
    var consoleAssetsDir: String?

    @Flag(help: "Track every table and infer relationships from foreign keys when the metadata lists no tables.")
    var trackAll = false

    @Flag(help: "Reload when files in the metadata directory change, printing what changed and any inconsistency.")
    var watch = false

    @Option(
        help: ArgumentHelp(
            "Log level: trace, debug, info, notice, warning, error. (env: MINISTACK_LOG_LEVEL)", valueName: "level"))
    var logLevel: String?

    func validate() throws {
        if enableConsole && noConsole { throw ValidationError("--enable-console and --no-console exclude each other") }
        if let port, !(1...65535).contains(port) { throw ValidationError("--port must be between 1 and 65535") }
        if let databaseURL, DatabaseLocation(url: databaseURL) == nil {
            throw ValidationError(
                "--database-url must start with postgres://, postgresql:// or sqlite:, or be a path ending in .db or .sqlite"
            )
        }
        if let logLevel, Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError("unknown --log-level \(logLevel)")
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        func fromEnvironment(_ names: String...) -> String? {
            names.lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        }

        var logger = Logger(label: "ministack")
        logger.logLevel = Logger.Level(rawValue: logLevel ?? fromEnvironment("MINISTACK_LOG_LEVEL") ?? "info") ?? .info
        let databaseURL = databaseURL ?? fromEnvironment("MINISTACK_DATABASE_URL", "HASURA_GRAPHQL_DATABASE_URL")
        if let databaseURL, DatabaseLocation(url: databaseURL) == nil {
            throw ValidationError(
                "the database URL from the environment is not supported: it must start with postgres://, postgresql:// or sqlite:"
            )
        }
        let portText = fromEnvironment("MINISTACK_PORT", "HASURA_GRAPHQL_SERVER_PORT")
        guard let port = port ?? (portText.map { Int($0) } ?? 8080) else {
            throw ValidationError("MINISTACK_PORT / HASURA_GRAPHQL_SERVER_PORT must be a number")
        }
        let host = host ?? fromEnvironment("MINISTACK_HOST", "HASURA_GRAPHQL_SERVER_HOST") ?? "127.0.0.1"
        let (eventSettings, shutdownTimeout) = try events.settings(environment: environment)
        let configuration = ServeConfiguration(
            databaseURL: databaseURL,
            metadataDirectory: metadataDir ?? fromEnvironment("MINISTACK_METADATA_DIR") ?? "metadata",
            trackAll: trackAll, seedsDirectory: seedsDir, environment: environment)

        let snapshot: Snapshot
        do {
            snapshot = try await SnapshotLoader.load(configuration, logger: logger)
        } catch {
            logger.critical("\(error)")
            throw ExitCode(1)
        }
        let reloadLogger = logger
        // Metadata edited through /v1/metadata is written back to a metadata directory that has files.
        let directory = MetadataDirectory(path: configuration.metadataDirectory)
        let writeBack: (@Sendable (Metadata) async -> Void)? =
            (try? directory.layoutFiles().isEmpty) == false
            ? { @Sendable metadata in
                do {
                    try directory.replace(with: try directory.exportedFiles(for: metadata.exportJSON))
                    reloadLogger.info("metadata written back to \(directory.path)")
                } catch let failure as CommandFailure {
                    reloadLogger.error("could not write the metadata back to \(directory.path): \(failure.message)")
                } catch {
                    reloadLogger.error("could not write the metadata back to \(directory.path): \(error)")
                }
            } : nil
        let engine = Engine(
            store: SnapshotStore(snapshot), logger: logger, onMetadataChange: writeBack,
            loader: { try await SnapshotLoader.build($0, configuration: configuration, logger: reloadLogger) })
        let authenticator: Authenticator
        do {
            authenticator = try await AuthOptions(
                adminSecret: adminSecret ?? fromEnvironment("MINISTACK_ADMIN_SECRET", "HASURA_GRAPHQL_ADMIN_SECRET"),
                jwtSecret: jwtSecret ?? fromEnvironment("MINISTACK_JWT_SECRET", "HASURA_GRAPHQL_JWT_SECRET"),
                authHook: authHook ?? fromEnvironment("MINISTACK_AUTH_HOOK", "HASURA_GRAPHQL_AUTH_HOOK"),
                authHookMode: authHookMode
                    ?? fromEnvironment("MINISTACK_AUTH_HOOK_MODE", "HASURA_GRAPHQL_AUTH_HOOK_MODE"),
                unauthorizedRole: unauthorizedRole
                    ?? fromEnvironment("MINISTACK_UNAUTHORIZED_ROLE", "HASURA_GRAPHQL_UNAUTHORIZED_ROLE")
            ).authenticator()
        } catch {
            logger.critical("\(error.message)")
            await engine.shutdown()
            throw ExitCode(2)
        }
        logger.notice("GraphQL API at http://\(host):\(port)/v1/graphql")
        let watcher: Task<Void, Never>? =
            watch
            ? Task { [logger] in
                await MetadataWatcher(directory: configuration.metadataDirectory, engine: engine, logger: logger).run()
            } : nil
        defer { watcher?.cancel() }
        let eventWorker = EventDeliveryWorker(
            store: engine.store, environment: environment, logger: logger, settings: eventSettings)
        let asyncActions = Task { [logger] in await AsyncActionWorker(engine: engine, logger: logger).run() }
        defer { asyncActions.cancel() }
        let cleaner = EventLogCleaner(store: engine.store, logger: logger)
        let cleanups = Task { await cleaner.run() }
        defer { cleanups.cancel() }
        let deliveries = Task { await eventWorker.run() }
        // On shutdown: no more claims; deliveries already under way finish, within the graceful timeout.
        func stopDeliveries() async {
            deliveries.cancel()
            if !(await Self.finishes(within: shutdownTimeout, { await deliveries.value })) {
                logger.error(
                    "event deliveries did not finish within the graceful shutdown timeout; exiting anyway (their events will be retried)"
                )
            }
        }
        do {
            let consoleSetting = fromEnvironment("MINISTACK_ENABLE_CONSOLE", "HASURA_GRAPHQL_ENABLE_CONSOLE")
            let serveConsole = enableConsole || (!noConsole && consoleSetting?.lowercased() != "false")
            var console: ConsoleAssets?
            if serveConsole {
                let directory =
                    consoleAssetsDir
                    ?? fromEnvironment("MINISTACK_CONSOLE_ASSETS_DIR", "HASURA_GRAPHQL_CONSOLE_ASSETS_DIR")
                console =
                    try directory.map { try ConsoleAssets(directory: URL(fileURLWithPath: $0)) } ?? .embeddedAssets
                logger.notice("console at http://\(host):\(port)/console")
            }
            try await MinistackServer.run(
                engine: engine, authenticator: authenticator, host: host, port: port, console: console,
                logger: logger)
        } catch {
            await stopDeliveries()
            await engine.shutdown()
            throw error
        }
        await stopDeliveries()
        if !(await Self.finishes(within: .seconds(15), { await engine.shutdown() })) {
            logger.error("database connections did not close within 15 s; exiting anyway")
        }
    }

    /// Whether `operation` ends within `limit`; when it does not, stop waiting (it keeps running
    /// until the process exits), so a stuck shutdown step cannot keep the server alive.
    static func finishes(within limit: Duration, _ operation: @escaping @Sendable () async -> Void) async -> Bool {
        let (outcomes, continuation) = AsyncStream.makeStream(of: Bool.self)
        let work = Task {
            await operation()
            continuation.yield(true)
        }
        let timer = Task {
            try? await Task.sleep(for: limit)
            continuation.yield(false)
        }
        var iterator = outcomes.makeAsyncIterator()
        let finished = await iterator.next() ?? false
        timer.cancel()
        if finished { await work.value }
        return finished
    }
}
