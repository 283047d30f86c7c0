import MinistackCore

extension Engine {
    /// Runs an event-log call of the metadata API on its source's database.
    func eventLogCall(_ call: EventLogCall) async throws(HasuraError) -> JSONValue {
        guard let driver = store.snapshot.driver(forSource: call.source) else {
            throw HasuraError(.unexpected, "source \"\(call.source)\" is not connected")
        }
        let kind = driver.kind
        do {
            switch call {
            case .invoke(let invocation):
                let row = try await driver.fetchRow(
                    EventLogSQL.insertManual(
                        trigger: invocation.trigger, table: invocation.table, payload: invocation.payload,
                        sessionVariables: Session.admin.variables, kind: kind))
                await wakeDeliveries(driver)
                return .fields([("event_id", .string(row.first.flatMap { $0 } ?? ""))])
            case .redeliver(_, let eventID):
                guard let state = try await rows(driver, EventLogQueries.lockState(id: eventID, kind: kind)).first
                else { throw HasuraError(.notExists, "event not found", path: "$.args.event_id") }
                if state.first == "true" || state.first == "1" {
                    throw HasuraError(.busy, "event is already being processed", path: "$.args.event_id")
                }
                _ = try await rows(driver, EventLogQueries.redeliver(id: eventID, kind: kind))
                await wakeDeliveries(driver)
                return .fields([("message", .string("success"))])
            case .events(_, let trigger, let status, let page):
                return .array(
                    try await objects(
                        driver, EventLogQueries.events(trigger: trigger, status: status, page: page, kind: kind)))
            case .invocations(_, let trigger, let page):
                return .array(
                    try await objects(driver, EventLogQueries.invocations(trigger: trigger, page: page, kind: kind)))
            case .event(_, let eventID, let page):
                guard let event = try await objects(driver, EventLogQueries.event(id: eventID, kind: kind)).first else {
                    throw HasuraError(.notExists, "event not found", path: "$.args.event_id")
                }
                let invocations = try await objects(
                    driver, EventLogQueries.invocations(eventID: eventID, page: page, kind: kind))
                return .fields([("event", event), ("invocations", .array(invocations))])
            case .cleanUp(let source, let trigger, let hours, let batchSize, let invocationLogs, let timeout):
                let deleted = try await EventLogCleaner(store: store, logger: logger).cleanUp(
                    source: source, trigger: trigger, olderThanHours: hours, batchSize: batchSize,
                    invocationLogs: invocationLogs, timeoutSeconds: timeout)
                return .fields([("message", .string("success")), ("deleted_event_logs", .number(String(deleted)))])
            }
        } catch let error as HasuraError {
            throw error
        } catch let error as DriverError {
            throw HasuraError(error)
        } catch {
            throw HasuraError(.unexpected, "\(error)")
        }
    }

    /// Rows of one JSON-object column, parsed.
    func objects(_ driver: any DatabaseDriver, _ statement: DatabaseStatement) async throws -> [JSONValue] {
        try await rows(driver, statement).compactMap { row in
            try row.first.flatMap { $0 }.map { try JSONParser.parse($0) }
        }
    }

    /// Every row of one statement, in a transaction of its own.
    func rows(_ driver: any DatabaseDriver, _ statement: DatabaseStatement) async throws -> [[String?]] {
        try await driver.transaction { try await $0.fetchRows(statement) }
    }

    /// Tells Postgres listeners (every instance's delivery worker) that an event is due now.
    func wakeDeliveries(_ driver: any DatabaseDriver) async {
        guard driver.kind == .postgres else { return }
        _ = try? await rows(driver, DatabaseStatement(sql: "SELECT pg_notify('\(EventCaptureSQL.channel)', '')"))
    }
}
