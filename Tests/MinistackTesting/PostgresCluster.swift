import Foundation

/// A throwaway PostgreSQL cluster for the tests of one process.
///
/// The first call to ``shared()`` runs `initdb` in a fresh temporary directory (owned by
/// the `postgres` user when the tests run as root, since `initdb` refuses root), starts the
/// server with `pg_ctl` on a free loopback port, and registers an exit handler that stops
/// it immediately and deletes the directory. Every later call, from any task, gets the same
/// cluster — or the same startup error, so a machine without Postgres fails every test
/// that needs it, loudly, instead of skipping.
///
/// Each test suite should create its own database with ``createDatabase(named:)`` and
/// connect with the returned URL:
///
/// ```swift
/// let cluster = try await PostgresCluster.shared()
/// let url = try await cluster.createDatabase(named: "introspection_tests")
/// let driver = try PostgresDriver(url: url)
/// ```
///
/// The server runs with `fsync`, `full_page_writes` and `synchronous_commit` off and
/// `trust` authentication for the `postgres` user: it is fast and disposable, never a
/// place for data that matters.
public final class PostgresCluster: Sendable {
    /// The TCP port the server listens on, on 127.0.0.1.
    public let port: Int
    /// The temporary directory holding the data directory, the socket and the server log.
    public let directory: String
    let binDirectory: String
    let clusterUser: String?

    init(port: Int, directory: String, binDirectory: String, clusterUser: String?) {
        self.port = port
        self.directory = directory
        self.binDirectory = binDirectory
        self.clusterUser = clusterUser
    }

    private static let startup = Task<PostgresCluster, any Error> {
        try await runOnThread { () -> Result<PostgresCluster, PostgresClusterError> in
            do throws(PostgresClusterError) {
                return .success(try PostgresCluster.startBlocking())
            } catch {
                return .failure(error)
            }
        }.get()
    }

    /// The cluster of this test process, started on first use.
    ///
    /// - Throws: ``PostgresClusterError`` saying why the cluster could not start (no
    ///   `initdb`, `initdb` failed, the server did not come up…); the same error on every call.
    public static func shared() async throws -> PostgresCluster {
        try await startup.value
    }

    /// A `postgres://` URL for `database` on this cluster (user `postgres`, no password).
    public func url(database: String) -> String {
        let encoded = database.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? database
        return "postgres://postgres@127.0.0.1:\(port)/\(encoded)"
    }

    /// Creates an empty database and returns its URL.
    ///
    /// Fails if a database with this name already exists: give each suite its own name.
    public func createDatabase(named name: String) async throws -> String {
        let command = PostgresClusterCommand(
            executable: binDirectory + "/createdb",
            arguments: ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "--", name],
            user: nil)
        try await command.runChecked("creating database \(name)")
        return url(database: name)
    }
}
