import Foundation
import Hummingbird
import Logging
import MinistackCore
import MinistackEngine
import MinistackTesting
import Synchronization
import Testing

/// The event log after delivery: Hasura's calls that read it, redeliver and clean it up, a lock
/// left by a crashed worker expiring, and the per-trigger delivery bound.
@Suite("Event log")
struct EventLogAPITests {
    typealias Delivery = EventDeliveryTests

    static func call(_ server: ExampleServer, _ name: String, _ arguments: String) async throws -> (
        status: Int, body: JSONValue
    ) {
        let type = name == "cleanup_event_trigger_logs" ? name : "\(MetadataOperationTests.prefix(server.kind))_\(name)"
        return try await MetadataOperationTests.call(server, type, arguments)
    }

    @Test(
        "a failed event is listed, shown with its invocations, redelivered, and cleaned up once processed",
        arguments: [DatabaseKind.sqlite, .postgres])
    func readRedeliverCleanUp(_ kind: DatabaseKind) async throws {
        let webhook = try await Delivery.Webhook(statuses: [503])
        defer { webhook.server.stop() }
        let server = try await ExampleServer.isolated(kind)
        try await Delivery.createTrigger(server, webhook: webhook.url)
        _ = try await server.graphQL(#"mutation { insert_tag_one(object: {id: 9, name: "new"}) { id } }"#)
        let worker = Delivery.worker(server)
        #expect(await worker.deliverDueEvents() == 1)

        let (_, failed) = try await Self.call(
            server, "get_event_logs", #"{"name": "tag_changed", "status": "processed"}"#)
        let event = try #require(failed.arrayValue?.first, "\(failed.serialized)")
        #expect(failed.arrayValue?.count == 1)
        #expect(event["error"] == .bool(true) && event["delivered"] == .bool(false) && event["tries"] == .number("1"))
        #expect(event["trigger_name"] == .string("tag_changed") && event["table_name"] == .string("tag"))
        #expect(event["payload"]?["op"] == .string("INSERT"))
        #expect(event["payload"]?["data"]?["new"]?["name"] == .string("new"))
        let id = try #require(event["id"]?.stringValue)
        let (_, pending) = try await Self.call(
            server, "get_event_logs", #"{"name": "tag_changed", "status": "pending"}"#)
        #expect(pending == .array([]))

        let (_, invocations) = try await Self.call(server, "get_event_invocation_logs", #"{"name": "tag_changed"}"#)
        #expect(invocations.arrayValue?.count == 1)
        #expect(invocations.arrayValue?.first?["status"] == .number("503"))
        #expect(invocations.arrayValue?.first?["event_id"] == .string(id))
        #expect(invocations.arrayValue?.first?["request"]?["id"] == .string(id), "the payload sent is logged")

        let (_, byID) = try await Self.call(server, "get_event_by_id", #"{"event_id": "\#(id)"}"#)
        #expect(byID["event"]?["id"] == .string(id))
        #expect(byID["invocations"]?.arrayValue?.count == 1)

        // Redelivery resets the retries; the webhook now answers 200.
        let (status, redelivered) = try await Self.call(server, "redeliver_event", #"{"event_id": "\#(id)"}"#)
        #expect(status == 200 && redelivered["message"] == .string("success"), "\(redelivered.serialized)")
        #expect(await worker.deliverDueEvents() == 1)
        let (_, after) = try await Self.call(server, "get_event_by_id", #"{"event_id": "\#(id)"}"#)
        #expect(after["event"]?["delivered"] == .bool(true) && after["event"]?["error"] == .bool(false))
        #expect(after["event"]?["tries"] == .number("1"), "retries counted again from zero")
        #expect(after["invocations"]?.arrayValue?.count == 2)
        #expect(webhook.bodies.map { $0["delivery_info"]?["current_retry"] } == [.number("0"), .number("0")])

        // A pending event is never cleaned up; processed ones (and, when asked, their invocations) are.
        _ = try await server.graphQL(#"mutation { insert_tag_one(object: {id: 10, name: "later"}) { id } }"#)
        let (_, cleaned) = try await Self.call(
            server, "cleanup_event_trigger_logs",
            #"{"event_trigger_name": "tag_changed", "clear_older_than": 0, "clean_invocation_logs": true}"#)
        #expect(cleaned["deleted_event_logs"] == .number("1"), "\(cleaned.serialized)")
        let (_, left) = try await Self.call(server, "get_event_logs", #"{"name": "tag_changed"}"#)
        #expect(left.arrayValue?.map { $0["payload"]?["data"]?["new"]?["id"] } == [.number("10")])
        let (_, logsLeft) = try await Self.call(server, "get_event_invocation_logs", #"{"name": "tag_changed"}"#)
        #expect(logsLeft == .array([]))
        await server.shutdown()
    }

    @Test(
        "event-log calls reject unknown events, malformed ids and unknown triggers",
        arguments: [DatabaseKind.sqlite, .postgres])
    func errors(_ kind: DatabaseKind) async throws {
        let server = try await ExampleServer.isolated(kind)
        try await Delivery.createTrigger(server, webhook: "http://127.0.0.1:9/hook")
        let missing = "00000000-0000-4000-8000-000000000000"
        let cases: [(String, String, String, String)] = [
            ("redeliver_event", #"{"event_id": "\#(missing)"}"#, "not-exists", "event not found"),
            ("get_event_by_id", #"{"event_id": "\#(missing)"}"#, "not-exists", "event not found"),
            ("redeliver_event", #"{"event_id": "nope"}"#, "parse-failed", #"invalid uuid: "nope""#),
            ("get_event_logs", #"{"name": "nope"}"#, "not-exists", #"event trigger "nope" does not exist"#),
            (
                "get_event_logs", #"{"name": "tag_changed", "status": "done"}"#, "parse-failed",
                "status can only be one of pending or processed"
            ),
            (
                "cleanup_event_trigger_logs", #"{"event_trigger_name": "tag_changed"}"#, "parse-failed",
                #"key "clear_older_than" not found"#
            ),
        ]
        for (name, arguments, code, message) in cases {
            let (status, body) = try await Self.call(server, name, arguments)
            #expect(status == 400, "\(name)")
            #expect(body["code"] == .string(code), "\(name): \(body.serialized)")
            #expect(body["error"] == .string(message), "\(name): \(body.serialized)")
        }
        await server.shutdown()
    }

    @Test(
        "an event claimed by a worker that died is delivered once its lock expires, not before",
        arguments: [DatabaseKind.sqlite, .postgres])
    func lockExpiry(_ kind: DatabaseKind) async throws {
        let webhook = try await Delivery.Webhook()
        defer { webhook.server.stop() }
        let server = try await ExampleServer.isolated(kind)
        try await Delivery.createTrigger(server, webhook: webhook.url)
        _ = try await server.graphQL(#"mutation { insert_tag_one(object: {id: 9, name: "new"}) { id } }"#)
        // A worker claimed the event (locking it as a claim does) and died before recording anything.
        let log = kind == .postgres ? "ministack.event_log" : "ministack_event_log"
        let later =
            kind == .postgres
            ? "clock_timestamp() + interval '60 seconds'" : "strftime('%Y-%m-%dT%H:%M:%f', 'now', '+60 seconds')"
        _ = try await Delivery.runSQL(server, "UPDATE \(log) SET locked_until = \(later)")
        let worker = Delivery.worker(server)
        #expect(await worker.deliverDueEvents() == 0, "locked by the dead worker")
        let past = kind == .postgres ? "clock_timestamp() - interval '1 second'" : "'2000-01-01T00:00:00.000'"
        _ = try await Delivery.runSQL(server, "UPDATE \(log) SET locked_until = \(past)")
        #expect(await worker.deliverDueEvents() == 1, "the expired lock is taken over")
        #expect(webhook.bodies.count == 1)
        await server.shutdown()
    }

    @Test(
        "no more deliveries of one trigger are in flight than --events-trigger-concurrency allows",
        arguments: [DatabaseKind.sqlite, .postgres])
    func triggerConcurrency(_ kind: DatabaseKind) async throws {
        let gauge = Gauge()
        let router = Router()
        router.post("/hook") { _, _ in
            gauge.enter()
            try await Task.sleep(for: .milliseconds(200))
            gauge.leave()
            return Response(status: .ok)
        }
        let webhook = try await LocalHTTPServer.start(router: router)
        defer { webhook.stop() }
        let server = try await ExampleServer.isolated(kind)
        try await Delivery.createTrigger(server, webhook: webhook.baseURL + "/hook")
        let objects = (20..<28).map { #"{id: \#($0), name: "t\#($0)"}"# }.joined(separator: ", ")
        _ = try await server.graphQL("mutation { insert_tag(objects: [\(objects)]) { affected_rows } }")
        let worker = EventDeliveryWorker(
            store: server.engine.store, environment: [:], logger: Logger(label: "test-events"),
            settings: EventDeliverySettings(httpPoolSize: 100, triggerConcurrency: 2))
        #expect(await worker.deliverDueEvents() == 8)
        #expect(gauge.most == 2, "8 events, at most 2 at once, and the bound was used")
        await server.shutdown()
    }

    /// Requests in flight now, and the most seen at once.
    final class Gauge: Sendable {
        let state = Mutex((now: 0, most: 0))
        func enter() { state.withLock { $0 = ($0.now + 1, max($0.most, $0.now + 1)) } }
        func leave() { state.withLock { $0.now -= 1 } }
        var most: Int { state.withLock { $0.most } }
    }
}
