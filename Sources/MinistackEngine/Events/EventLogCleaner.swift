import Foundation
public import Logging
import MinistackCore

/// Deletes old processed events (and, when asked, their invocation logs) of each trigger,
/// following its `cleanup_config`: checked every minute against the trigger's cron schedule
/// (UTC), skipped while `paused`. `cleanup_event_trigger_logs` runs the same clean-up by hand.
/// Pending events are never deleted.
public struct EventLogCleaner: Sendable {
    let store: SnapshotStore
    let logger: Logger

    public init(store: SnapshotStore, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    /// Runs scheduled clean-ups until the task is cancelled.
    public func run() async {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        while !Task.isCancelled {
            let now = Date()
            let parts = calendar.dateComponents([.minute, .hour, .day, .month, .weekday, .second], from: now)
            let snapshot = store.snapshot
            for (source, triggers) in snapshot.eventTriggers.sorted(by: { $0.key < $1.key }) {
                for trigger in triggers.values.sorted(by: { $0.name < $1.name }) {
                    guard let cleanup = trigger.cleanup, !cleanup.paused,
                        cleanup.schedule.matches(
                            minute: parts.minute ?? 0, hour: parts.hour ?? 0, day: parts.day ?? 1,
                            month: parts.month ?? 1, weekday: (parts.weekday ?? 1) - 1)
                    else { continue }
                    do {
                        let deleted = try await cleanUp(
                            source: source, trigger: trigger.name, olderThanHours: cleanup.clearOlderThanHours,
                            batchSize: cleanup.batchSize, invocationLogs: cleanup.cleanInvocationLogs,
                            timeoutSeconds: cleanup.timeoutSeconds)
                        logger.info("event log clean-up of \(trigger.name): \(deleted) event(s) deleted")
                    } catch {
                        logger.error("event log clean-up of \(trigger.name) stopped: \(error)")
                    }
                }
            }
            // Wake in the next minute.
            try? await Task.sleep(for: .seconds(61 - (parts.second ?? 0)))
        }
    }

    /// Deletes the trigger's processed events older than `olderThanHours`, in batches of
    /// `batchSize` (each its own transaction, bounded by `timeoutSeconds` on Postgres), until a
    /// batch comes back short; answers how many events were deleted.
    public func cleanUp(
        source: String, trigger: String, olderThanHours: Int, batchSize: Int, invocationLogs: Bool,
        timeoutSeconds: Int
    ) async throws -> Int {
        guard let driver = store.snapshot.driver(forSource: source) else { return 0 }
        let statements = EventLogQueries.cleanUp(
            trigger: trigger, olderThanHours: olderThanHours, batchSize: batchSize, invocationLogs: invocationLogs,
            kind: driver.kind)
        var total = 0
        while !Task.isCancelled {
            let deleted = try await driver.transaction { transaction in
                if driver.kind == .postgres {
                    _ = try await transaction.fetchRows(
                        DatabaseStatement(sql: "SET LOCAL statement_timeout = \(timeoutSeconds * 1000)"))
                }
                var rows: [[String?]] = []
                for statement in statements { rows = try await transaction.fetchRows(statement) }
                return rows.count
            }
            total += deleted
            if deleted < batchSize { break }
        }
        return total
    }
}
