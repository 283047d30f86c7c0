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

    init(metadata: Metadata, model: Model, drivers: [String: any DatabaseDriver]) throws {
        self.metadata = metadata
        self.model = model
        self.drivers = drivers
        let admin = try SchemaBuilder.build(model: model, role: Session.adminRole)
        roleSchemas = Mutex([Session.adminRole: admin])
        operations = OperationCache()
    }

    /// The schema a role sees. Until permissions exist, only admin sees tables; any other
    /// role gets Hasura's empty schema for a role without permissions.
    func schema(for role: String) throws -> RoleSchema {
        if let cached = roleSchemas.withLock({ $0[role] }) { return cached }
        let empty = Model(
            sources: model.sources.map { ResolvedSource(name: $0.name, kind: $0.kind, tables: []) }, inconsistencies: []
        )
        let schema = try SchemaBuilder.build(model: empty, role: role)
        roleSchemas.withLock { $0[role] = schema }
        return schema
    }

    /// Closes this snapshot's database connections (a snapshot that was built but not served).
    public func close() async {
        for driver in drivers.values { await driver.shutdown() }
    }

    /// The admin schema's SDL, for snapshots and the console.
    public var adminSDL: String { (try? schema(for: Session.adminRole).sdl) ?? "" }

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
