import Logging
import MinistackCore

/// Makes each source's database triggers match the metadata's event triggers: creates the
/// event log when a source has triggers, installs (or replaces) every consistent trigger, and
/// drops the `ministack_…` triggers the metadata no longer has.
enum EventTriggerInstaller {
    /// The consistent event triggers of a source, with the table each is on.
    static func triggers(of source: SourceMetadata, model: Model) -> [(EventTriggerMetadata, ResolvedTable)] {
        let inconsistent = Set(
            model.inconsistencies.compactMap { inconsistency -> String? in
                guard case .eventTrigger(let name, _, let trigger)? = inconsistency.subject, name == source.name else {
                    return nil
                }
                return trigger
            })
        var found: [(EventTriggerMetadata, ResolvedTable)] = []
        for table in source.tables {
            guard let resolved = model.table(TableKey(source: source.name, name: table.table)) else { continue }
            for trigger in table.eventTriggers where !inconsistent.contains(trigger.name) {
                found.append((trigger, resolved))
            }
        }
        return found
    }

    /// Brings every connected source's triggers in line; failures are logged, never thrown.
    static func synchronize(
        metadata: Metadata, model: Model, drivers: [String: any DatabaseDriver], logger: Logger
    ) async {
        for source in metadata.sources {
            guard let driver = drivers[source.name] else { continue }
            let desired = triggers(of: source, model: model)
            do {
                if !desired.isEmpty { try await driver.executeScript(EventCaptureSQL.catalogScript(for: driver.kind)) }
                let installed = try await driver.runSQL(EventCaptureSQL.installedTriggersQuery(for: driver.kind))
                let wanted = Set(desired.flatMap { EventCaptureSQL.triggerNames($0.0, kind: driver.kind) })
                for row in installed.rows {
                    guard let name = row.first ?? nil, let table = row.count > 1 ? row[1] : nil,
                        !wanted.contains(name)
                    else { continue }
                    try await driver.executeScript(
                        EventCaptureSQL.dropScript(triggerName: name, table: table, kind: driver.kind))
                    logger.info("source \(source.name): dropped database trigger \(name)")
                }
                for (trigger, table) in desired {
                    try await driver.executeScript(
                        EventCaptureSQL.installScript(trigger, table: table, kind: driver.kind))
                }
                if !desired.isEmpty {
                    logger.info("source \(source.name): \(desired.count) event trigger(s) installed")
                }
            } catch {
                logger.error("source \(source.name): could not install the event triggers: \(error)")
            }
        }
    }
}
