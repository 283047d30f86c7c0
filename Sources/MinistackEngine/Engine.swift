import Foundation
public import Logging
public import MinistackCore

/// The running system behind the HTTP edge: it answers GraphQL requests against the
/// current snapshot and reports health.
///
/// Thread-safe; one instance serves every request. Stage functions live in extensions
/// (`Engine+GraphQL.swift`); the server only passes bytes and a session in and writes
/// the response out.
public final class Engine: Sendable {
    public let store: SnapshotStore
    let logger: Logger
    /// Builds a snapshot from metadata (connecting and introspecting its sources), for
    /// `reload_metadata` and `replace_metadata`; nil when the server cannot rebuild itself.
    let loader: (@Sendable (Metadata) async throws -> Snapshot)?
    /// Told about metadata changed through `/v1/metadata`, e.g. to write the metadata directory back.
    let onMetadataChange: (@Sendable (Metadata) async -> Void)?
    /// Wakes the asynchronous action worker when a call is stored.
    let actionSignal = WakeSignal()
    /// For `{{ENV}}` handler URLs and `value_from_env` headers of actions.
    let environment: [String: String]

    public init(
        store: SnapshotStore, logger: Logger = Logger(label: "ministack.engine"),
        environment: [String: String]? = nil,
        onMetadataChange: (@Sendable (Metadata) async -> Void)? = nil,
        loader: (@Sendable (Metadata) async throws -> Snapshot)? = nil
    ) {
        self.store = store
        self.logger = logger
        self.environment = environment ?? ProcessInfo.processInfo.environment
        self.onMetadataChange = onMetadataChange
        self.loader = loader
    }

    /// `GET /healthz`: every source answers.
    public func isHealthy() async -> Bool {
        let snapshot = store.snapshot
        for driver in snapshot.drivers.values {
            do { try await driver.ping() } catch { return false }
        }
        return true
    }

    /// Whether the current metadata has inconsistencies (Hasura still answers 200 on `/healthz`, with a warning).
    public var hasInconsistencies: Bool { !store.snapshot.model.inconsistencies.isEmpty }

    /// Closes the current snapshot's drivers.
    public func shutdown() async {
        for driver in store.snapshot.drivers.values { await driver.shutdown() }
    }
}
