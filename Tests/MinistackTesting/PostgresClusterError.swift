/// Why the throwaway Postgres cluster could not be started or used.
///
/// Tests that need Postgres fail with this error (they never skip): the message says
/// which step failed and carries the command's own output.
public struct PostgresClusterError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { "PostgresCluster: \(message)" }
}
