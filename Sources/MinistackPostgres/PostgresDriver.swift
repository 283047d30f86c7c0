import Logging
public import MinistackCore
import PostgresNIO

/// The `DatabaseDriver` for PostgreSQL, over a PostgresNIO `PostgresClient` pool.
///
/// Statements arrive compiled by `PostgresDialect`: their placeholders are `$n::type` and
/// every value is bound as text of unspecified type, which the server casts. Each pooled
/// session runs with `TimeZone=UTC` and `DateStyle=ISO` (startup parameters), so JSON
/// built by the database renders `timestamptz` as `"2024-01-02T03:04:05.123456+00:00"`.
///
/// ## Lifetime
/// The driver owns its client: `init` starts `client.run()` in a task and ``shutdown()``
/// cancels it, after which every call fails with `.connectionFailed`. This differs from
/// the architecture's "PostgresClient is a `Service` in the `ServiceGroup`" only in who
/// owns that task; the engine should call ``shutdown()`` from its own graceful-shutdown
/// path. Connections open lazily, so `init` never touches the network: an unreachable
/// server shows up in ``ping()`` (after ``pingTimeout``) or in the first query.
///
/// ```swift
/// let driver = try PostgresDriver(url: "postgres://app:secret@db:5432/app?sslmode=require")
/// try await driver.ping()
/// let catalog = try await driver.introspect()
/// ```
///
/// Safe to use from many tasks at once.
public final class PostgresDriver: DatabaseDriver {
    public var kind: DatabaseKind { .postgres }

    /// Where the driver connects (print it: the password is masked).
    public let url: PostgresURL
    /// How long ``ping()`` waits for a pooled connection before reporting the server unreachable.
    public let pingTimeout: Duration

    let client: PostgresClient
    let logger: Logger
    private let runTask: Task<Void, Never>

    /// Parses `url` and prepares a pool of at most `maximumConnections` connections.
    ///
    /// - Throws: `DriverError.connectionFailed` when the URL is malformed or unsupported.
    public convenience init(url: String, maximumConnections: Int = 10, pingTimeout: Duration = .seconds(5))
        throws(DriverError)
    {
        try self.init(url: PostgresURL(url), maximumConnections: maximumConnections, pingTimeout: pingTimeout)
    }

    /// Prepares a pool of at most `maximumConnections` connections to `url`.
    public init(url: PostgresURL, maximumConnections: Int = 10, pingTimeout: Duration = .seconds(5))
        throws(DriverError)
    {
        guard maximumConnections >= 1 else {
            throw DriverError.connectionFailed("the connection pool needs at least one connection")
        }
        self.url = url
        self.pingTimeout = pingTimeout
        self.logger = Logger(label: "ministack.postgres")
        let client = PostgresClient(
            configuration: url.clientConfiguration(maximumConnections: maximumConnections),
            backgroundLogger: logger)
        self.client = client
        // Detached: a driver built while serving a request (a metadata reload) must not inherit
        // the server's graceful-shutdown task-locals, or SIGTERM would stop this pool under
        // callers still using it (their queries then wait forever). `shutdown()` stops it.
        self.runTask = Task.detached { await client.run() }
    }

    public func fetchRow(_ statement: DatabaseStatement) async throws(DriverError) -> [String?] {
        let query = PostgresQuery(unsafeSQL: statement.sql, binds: PostgresBindings(textBindings: statement.bindings))
        let rows: [PostgresRow]
        do {
            rows = try await client.query(query, logger: logger).collect()
        } catch {
            throw await classify(error)
        }
        guard let row = rows.first else { return [] }
        var values: [String?] = []
        values.reserveCapacity(row.count)
        for cell in row { values.append(try cell.textValue()) }
        return values
    }

    public func executeScript(_ sql: String) async throws(DriverError) {
        let statements = PostgresScript.statements(in: sql)
        guard !statements.isEmpty else { return }
        do {
            try await withTransaction { connection, logger in
                for statement in statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger).drain()
                }
            }
        } catch {
            throw await classify(error)
        }
    }

    /// Listens on a connection of its own, outside the pool: a listener that fails or is
    /// cancelled never hands a half-closed connection back to the queries.
    public func listen(channel: String, notified: @escaping @Sendable () -> Void) async throws {
        let connection = try await PostgresConnection.connect(
            configuration: url.connectionConfiguration(), id: 1, logger: logger)
        do {
            try await connection.listen(on: channel) { notifications in
                for try await _ in notifications { notified() }
            }
        } catch {
            try? await connection.close()
            throw error
        }
        try? await connection.close()
    }

    public func ping() async throws(DriverError) {
        let client = self.client
        let logger = self.logger
        let timeout = pingTimeout
        do {
            try await withThrowingTaskGroup(of: Bool.self) { group in
                group.addTask {
                    try await client.query("SELECT 1", logger: logger).drain()
                    return true
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return false
                }
                let answered = try await group.next() ?? false
                group.cancelAll()
                if !answered { throw PingTimeout() }
            }
        } catch is PingTimeout {
            throw DriverError.connectionFailed(
                "no database connection to \(url.host):\(url.port) within \(timeout): \(await diagnoseConnection())")
        } catch {
            throw await classify(error)
        }
    }

    public func shutdown() async {
        runTask.cancel()
        await runTask.value
    }

    /// Runs `body` on one leased connection inside `begin … COMMIT`, rolling back if it throws.
    func withTransaction(
        begin: PostgresQuery = "BEGIN",
        _ body: (PostgresConnection, Logger) async throws -> Void
    ) async throws {
        let logger = self.logger
        try await client.withConnection { connection in
            try await connection.query(begin, logger: logger).drain()
            do {
                try await body(connection, logger)
                try await connection.query("COMMIT", logger: logger).drain()
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger).drain()
                throw error
            }
        }
    }

    /// Maps an error to `DriverError`; when the pool gave up connecting, asks a direct
    /// connection why (refused, authentication, unknown database…).
    func classify(_ error: any Error) async -> DriverError {
        let mapped = DriverError(postgres: error)
        guard case .connectionFailed(let message) = mapped, message == DriverError.poolCouldNotConnect else {
            return mapped
        }
        return .connectionFailed("\(message) to \(url.host):\(url.port): \(await diagnoseConnection())")
    }

    /// Opens one connection outside the pool and describes what goes wrong.
    func diagnoseConnection() async -> String {
        do {
            let connection = try await PostgresConnection.connect(
                configuration: url.connectionConfiguration(), id: 0, logger: logger)
            try? await connection.close()
            return "a direct connection succeeds now; the pool may have been busy or shut down"
        } catch {
            switch DriverError(postgres: error) {
            case .connectionFailed(let reason), .dataException(let reason): return reason
            case .queryFailed(let message, _), .constraintViolation(_, let message): return message
            }
        }
    }
}

private struct PingTimeout: Error {}

extension PostgresRowSequence {
    /// Reads and discards every row, so the statement completes and the connection is free.
    func drain() async throws {
        for try await _ in self {}
    }
}
