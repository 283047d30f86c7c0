public import MinistackCore
import Synchronization

/// Everything a request needs, frozen at one metadata version: the metadata, the resolved
/// model, the drivers, each role's schema and the caches built from them.
///
/// Immutable apart from its caches; a reload builds a new snapshot and swaps it in, so
/// caches empty by construction and in-flight requests finish on the snapshot they started with.
public final class Snapshot: Sendable {
    public let metadata: Metadata
    public let model: Model
    let drivers: [String: any DatabaseDriver]
    private let roleSchemas: Mutex<[String: RoleSchema]>
    let operations: OperationCache
    /// Sources with at least one consistent (so installed) event trigger: their mutations record
    /// the session for the events, and the delivery worker reads their event logs.
    let sourcesCapturingEvents: Set<String>
    /// Every event trigger of each source by name (read once here, not per delivery round).
    let eventTriggers: [String: [String: EventTriggerMetadata]]

    init(metadata: Metadata, model: Model, drivers: [String: any DatabaseDriver]) throws {
        self.metadata = metadata
        self.model = model
        self.drivers = drivers
        let admin = try SchemaBuilder.build(model: model, role: Session.adminRole)
        roleSchemas = Mutex([Session.adminRole: admin])
        operations = OperationCache()
        sourcesCapturingEvents = Set(
            metadata.sources.filter { !EventTriggerInstaller.triggers(of: $0, model: model).isEmpty }.map(\.name))
        var triggers: [String: [String: EventTriggerMetadata]] = [:]
        for source in metadata.sources {
            for table in source.tables {
                for trigger in table.eventTriggers { triggers[source.name, default: [:]][trigger.name] = trigger }
            }
        }
        eventTriggers = triggers
    }

    /// The schema a session's role sees: built from the part of the model the role has
    /// permissions on (a role without any gets Hasura's empty schema), cached until reload.
    func schema(for session: Session) throws -> RoleSchema {
        let key = Self.schemaKey(for: session)
        if let cached = roleSchemas.withLock({ $0[key] }) { return cached }
        let view = model.view(
            for: session.role, inheritedRoles: metadata.inheritedRoles, backendOnly: session.usesBackendOnlyPermissions)
        let schema = try SchemaBuilder.build(model: view, role: session.role)
        roleSchemas.withLock { $0[key] = schema }
        return schema
    }

    /// Schemas (and plans) differ by role and by whether backend-only permissions apply.
    static func schemaKey(for session: Session) -> String {
        session.usesBackendOnlyPermissions && session.role != Session.adminRole
            ? session.role + "\u{0}backend" : session.role
    }

    /// Closes this snapshot's database connections (a snapshot that was built but not served).
    public func close() async {
        for driver in drivers.values { await driver.shutdown() }
    }

    /// The admin schema's SDL, for snapshots and the console.
    public var adminSDL: String { (try? schema(for: .admin).sdl) ?? "" }

    func dialect(forSource source: String) -> any SQLDialect {
        model.source(named: source)?.kind == .sqlite ? SQLiteDialect() : PostgresDialect()
    }

    func driver(forSource source: String) -> (any DatabaseDriver)? { drivers[source] }
}

/// Holds the current snapshot; readers take it without waiting on writers.
public final class SnapshotStore: Sendable {
    private let current: Mutex<Snapshot>

    public init(_ snapshot: Snapshot) { current = Mutex(snapshot) }

    public var snapshot: Snapshot { current.withLock { $0 } }

    /// Installs a new snapshot; returns the old one so its drivers can be closed when unused.
    @discardableResult
    public func swap(_ snapshot: Snapshot) -> Snapshot {
        current.withLock { state in
            let old = state
            state = snapshot
            return old
        }
    }
}
