import AsyncHTTPClient
import Foundation
public import Logging
import MinistackCore
import NIOCore
import NIOHTTP1

/// Delivers captured events to their webhooks, at least once.
///
/// Each round it claims due events of every source that has event triggers (oldest first,
/// locked for `EventLogSQL.lockSeconds`), POSTs each payload with the trigger's headers and
/// timeout, logs the attempt, and records the decision (`DeliveryDecision`): delivered on a
/// 2xx, else retried after `interval_sec` or the webhook's `Retry-After` until `num_retries`,
/// then failed. An event is marked delivered only after the 2xx, so a crash leaves it pending
/// (or locked until the lock expires) and it is delivered again. Deliveries of a claimed batch
/// run to completion even when the worker is cancelled; cancelling stops further claims.
public final class EventDeliveryWorker: Sendable {
    let store: SnapshotStore
    let environment: [String: String]
    let logger: Logger
    let settings: EventDeliverySettings
    /// Its own client, so `httpPoolSize` deliveries to one webhook host can be in flight at
    /// once (the shared client allows 8 connections per host).
    let client: HTTPClient

    public init(
        store: SnapshotStore, environment: [String: String], logger: Logger,
        settings: EventDeliverySettings = EventDeliverySettings()
    ) {
        self.store = store
        self.environment = environment
        self.logger = logger
        self.settings = settings
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(
            idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: settings.httpPoolSize)
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    deinit { client.shutdown { _ in } }

    /// Delivers until the task is cancelled. Between rounds it waits for the fetch interval, or
    /// less when a Postgres source `NOTIFY`s that an event was captured.
    public func run() async {
        let signal = WakeSignal()
        var listening: (snapshot: Snapshot, tasks: [Task<Void, Never>])?
        while !Task.isCancelled {
            let snapshot = store.snapshot
            if listening?.snapshot !== snapshot {
                for task in listening?.tasks ?? [] { task.cancel() }
                listening = (snapshot, listen(to: snapshot, signal: signal))
            }
            let handled = await deliverDueEvents()
            if handled < settings.batchSize { await signal.wait(atMost: settings.fetchInterval) }
        }
        logger.debug("event delivery: stopping")
        for task in listening?.tasks ?? [] { task.cancel() }
    }

    /// Listens on `EventCaptureSQL.channel` of every source capturing events; a failed listener
    /// just leaves polling to do the work.
    func listen(to snapshot: Snapshot, signal: WakeSignal) -> [Task<Void, Never>] {
        snapshot.sourcesCapturingEvents.sorted().compactMap { source in
            guard let driver = snapshot.driver(forSource: source), driver.kind == .postgres else { return nil }
            return Task { [logger] in
                do {
                    try await driver.listen(channel: EventCaptureSQL.channel) { signal.wake() }
                } catch  where !Task.isCancelled {
                    logger.notice(
                        "event delivery: not listening for notifications of \(source): \(String(reflecting: error))")
                } catch {}
            }
        }
    }

    /// One round over every source; answers how many events were attempted.
    @discardableResult
    public func deliverDueEvents() async -> Int {
        let snapshot = store.snapshot
        var handled = 0
        for source in snapshot.sourcesCapturingEvents.sorted() {
            guard let driver = snapshot.driver(forSource: source) else { continue }
            let events: [ClaimedEvent]
            do {
                let rows = try await driver.transaction { transaction in
                    try await transaction.fetchRows(
                        EventLogSQL.claim(kind: driver.kind, limit: self.settings.batchSize))
                }
                events = rows.compactMap(ClaimedEvent.init(row:))
            } catch {
                logger.error("event delivery: could not claim events of source \(source): \(error)")
                continue
            }
            guard !events.isEmpty else { continue }
            logger.debug("event delivery: claimed \(events.count) event(s) of source \(source)")
            handled += events.count
            let triggers = snapshot.eventTriggers[source] ?? [:]
            // Not cancelled with the worker: a claimed batch is finished (bounded by each trigger's timeout).
            let outcomes = await Task { await self.deliver(events, triggers: triggers) }.value
            do {
                // The whole batch's outcomes in one transaction of two statements.
                try await driver.transaction { transaction in
                    for statement in EventLogSQL.record(outcomes, kind: driver.kind) {
                        _ = try await transaction.fetchRows(statement)
                    }
                }
                logger.debug("event delivery: recorded \(outcomes.count) outcome(s) of source \(source)")
            } catch {
                logger.error("event delivery: could not record a batch of \(events.count) deliveries: \(error)")
            }
        }
        return handled
    }

    /// Delivers a claimed batch: at most `httpPoolSize` deliveries in flight, and at most
    /// `triggerConcurrency` of any one trigger; an event whose trigger is at its bound waits
    /// while later events of other triggers go ahead.
    func deliver(_ events: [ClaimedEvent], triggers: [String: EventTriggerMetadata]) async -> [DeliveryOutcome] {
        await withTaskGroup(of: DeliveryOutcome.self) { group in
            var queue = events
            var running = 0
            var runningPerTrigger: [String: Int] = [:]
            var outcomes: [DeliveryOutcome] = []
            outcomes.reserveCapacity(events.count)
            while true {
                // Start what the bounds allow, in claim order; the rest wait for a slot.
                var blocked: [ClaimedEvent] = []
                for event in queue {
                    guard running < settings.httpPoolSize,
                        runningPerTrigger[event.triggerName, default: 0] < settings.triggerConcurrency
                    else {
                        blocked.append(event)
                        continue
                    }
                    runningPerTrigger[event.triggerName, default: 0] += 1
                    running += 1
                    group.addTask { await self.deliver(event, trigger: triggers[event.triggerName]) }
                }
                queue = blocked
                guard let done = await group.next() else { break }
                running -= 1
                runningPerTrigger[done.triggerName, default: 1] -= 1
                outcomes.append(done)
            }
            return outcomes
        }
    }

    /// One attempt at one event.
    func deliver(_ event: ClaimedEvent, trigger: EventTriggerMetadata?) async -> DeliveryOutcome {
        guard let trigger else {
            logger.warning("event \(event.id): trigger \(event.triggerName) no longer exists; marking it failed")
            return .orphaned(eventID: event.id, triggerName: event.triggerName)
        }
        let payload = event.payload(maxRetries: trigger.retry.numberOfRetries)
        let started = ContinuousClock.now
        let (attempt, response) = await post(payload, trigger: trigger)
        let elapsed = started.duration(to: .now)
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let decision = DeliveryDecision.after(attempt, tries: event.tries + 1, retry: trigger.retry)
        let status: Int? = if case .answered(let code, _) = attempt { code } else { nil }
        if case .giveUp = decision {
            logger.warning("event \(event.id) of \(trigger.name) failed after \(event.tries + 1) attempt(s)")
        }
        return DeliveryOutcome(
            eventID: event.id, triggerName: event.triggerName, status: status, request: payload, response: response,
            durationMS: milliseconds, decision: decision)
    }

    /// POSTs the payload; answers the attempt and the response body (or why there was none).
    func post(_ payload: JSONValue, trigger: EventTriggerMetadata) async -> (DeliveryAttempt, String) {
        let url: String
        switch trigger.webhook {
        case .url(let template):
            switch template.render(in: environment) {
            case .success(let rendered): url = rendered
            case .failure(let missing): return (.failed, missing.description)
            }
        case .fromEnvironment(let name):
            guard let value = environment[name] else { return (.failed, "environment variable '\(name)' not set") }
            url = value
        }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        for header in trigger.headers {
            switch header.resolve(in: environment) {
            case .success(let value): request.headers.add(name: header.name, value: value)
            case .failure(let missing): return (.failed, "\(missing)")
            }
        }
        request.body = .bytes(ByteBuffer(string: payload.serialized))
        do {
            let response = try await client.execute(
                request, timeout: .seconds(Int64(trigger.retry.timeoutSeconds ?? 60)))
            let body = String(buffer: try await response.body.collect(upTo: 1 << 20))
            let retryAfter = response.headers.first(name: "retry-after").flatMap { Int($0) }
            return (.answered(status: Int(response.status.code), retryAfter: retryAfter), body)
        } catch {
            return (.failed, "\(error)")
        }
    }
}
