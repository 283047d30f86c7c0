import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import MinistackCore
import MinistackEngine
import MinistackTesting
import OrderedCollections
import Synchronization
import Testing

/// Event triggers end to end on each database: a trigger created through the metadata API,
/// writes through GraphQL and raw SQL, the worker delivering to a webhook the test serves.
@Suite("Event trigger delivery")
struct EventDeliveryTests {
    /// A webhook that records every body and answers the scripted statuses in turn (then 200).
    final class Webhook: Sendable {
        let server: LocalHTTPServer
        private let recorder: Recorder

        final class Recorder: Sendable {
            let state: Mutex<(bodies: [JSONValue], statuses: [Int])>
            init(statuses: [Int]) { state = Mutex(([], statuses)) }

            func answer(_ text: String) -> Int {
                state.withLock { state in
                    state.bodies.append((try? JSONParser.parse(text)) ?? .string(text))
                    return state.statuses.isEmpty ? 200 : state.statuses.removeFirst()
                }
            }
        }

        var bodies: [JSONValue] { recorder.state.withLock { $0.bodies } }

        init(statuses: [Int] = []) async throws {
            let recorder = Recorder(statuses: statuses)
            let router = Router()
            router.post("/hook") { request, _ in
                let text = String(buffer: try await request.body.collect(upTo: 1 << 20))
                return Response(status: .init(code: recorder.answer(text)))
            }
            self.recorder = recorder
            server = try await LocalHTTPServer.start(router: router)
        }

        var url: String { server.baseURL + "/hook" }
    }

    /// A trigger on `table`; its 30 s timeout is far above a local webhook's answer, so a loaded
    /// CI machine does not turn a slow answer into a timeout (a 5 s one did, once).
    static func createTrigger(
        _ server: ExampleServer, webhook: String, table: String = "tag", update: String = #""*""#,
        retries: Int = 0
    ) async throws {
        let kind = server.kind
        let arguments = #"""
            {"table": \#(MetadataOperationTests.table(table, kind)), "name": "\#(table)_changed", "webhook": "\#(webhook)",
             "insert": {"columns": "*"}, "update": {"columns": \#(update)}, "delete": {"columns": "*"},
             "retry_conf": {"num_retries": \#(retries), "interval_sec": 0, "timeout_sec": 30}}
            """#
        let (status, body) = try await MetadataOperationTests.call(
            server, "\(MetadataOperationTests.prefix(kind))_create_event_trigger", arguments)
        #expect(status == 200, "\(body.serialized)")
    }

    static func worker(_ server: ExampleServer) -> EventDeliveryWorker {
        EventDeliveryWorker(store: server.engine.store, environment: [:], logger: Logger(label: "test-events"))
    }

    static func runSQL(_ server: ExampleServer, _ sql: String) async throws -> JSONValue {
        let body = JSONValue.fields([
            ("type", .string("run_sql")), ("args", .fields([("source", .string("default")), ("sql", .string(sql))])),
        ])
        return try await server.withClient { client in
            try await client.execute(uri: "/v2/query", method: .post, body: ByteBuffer(string: body.serialized)) {
                try JSONParser.parse(String(buffer: $0.body))
            }
        }
    }

    /// The payload without the parts that differ per run (`id`, `created_at`), which are checked for shape.
    static func stable(_ payload: JSONValue) -> JSONValue {
        guard case .object(var fields) = payload else { return payload }
        #expect(fields["id"]?.stringValue?.count == 36, "id is a UUID: \(payload.serialized)")
        #expect(fields["created_at"]?.stringValue?.hasSuffix("Z") == true)
        fields["id"] = nil
        fields["created_at"] = nil
        return .object(fields)
    }

    static func expected(
        _ kind: DatabaseKind, op: String, old: String, new: String, session: String, retry: Int = 0, maxRetries: Int = 0
    ) throws -> JSONValue {
        let schema = kind == .postgres ? "public" : "main"
        return try JSONParser.parse(
            #"""
            {"table": {"schema": "\#(schema)", "name": "tag"}, "trigger": {"name": "tag_changed"},
             "event": {"op": "\#(op)", "data": {"old": \#(old), "new": \#(new)}, "session_variables": \#(session),
                       "trace_context": null},
             "delivery_info": {"current_retry": \#(retry), "max_retries": \#(maxRetries)}}
            """#)
    }

    @Test(
        "writes through GraphQL and through raw SQL are each delivered once with Hasura's payload",
        arguments: [DatabaseKind.sqlite, .postgres])
    func delivery(_ kind: DatabaseKind) async throws {
        let webhook = try await Webhook()
        defer { webhook.server.stop() }
        let server = try await ExampleServer.isolated(kind)
        try await Self.createTrigger(server, webhook: webhook.url)
        let insert = try await server.graphQL(
            #"mutation { insert_tag_one(object: {id: 9, name: "new"}) { id } }"#,
            headers: ["x-hasura-user-id": "7"])
        #expect(insert.body["errors"] == nil, "\(insert.body.serialized)")
        _ = try await server.graphQL(
            #"mutation { update_tag_by_pk(pk_columns: {id: 9}, _set: {name: "renamed"}) { id } }"#)
        _ = try await Self.runSQL(server, "DELETE FROM tag WHERE id = 9")
        let worker = Self.worker(server)
        #expect(await worker.deliverDueEvents() == 3)
        #expect(await worker.deliverDueEvents() == 0, "each event is delivered once")
        let admin = #"{"x-hasura-role": "admin"}"#
        // Deliveries run concurrently, so they may arrive in any order.
        let order = ["INSERT", "UPDATE", "DELETE"]
        let bodies = webhook.bodies.map(Self.stable).sorted {
            order.firstIndex(of: $0["event"]?["op"]?.stringValue ?? "") ?? 0
                < order.firstIndex(of: $1["event"]?["op"]?.stringValue ?? "") ?? 0
        }
        #expect(bodies.count == 3)
        let expected = [
            try Self.expected(
                kind, op: "INSERT", old: "null", new: #"{"id": 9, "name": "new"}"#,
                session: #"{"x-hasura-role": "admin", "x-hasura-user-id": "7"}"#),
            try Self.expected(
                kind, op: "UPDATE", old: #"{"id": 9, "name": "new"}"#, new: #"{"id": 9, "name": "renamed"}"#,
                session: admin),
            try Self.expected(kind, op: "DELETE", old: #"{"id": 9, "name": "renamed"}"#, new: "null", session: "null"),
        ]
        for (body, want) in zip(bodies, expected) {
            #expect(JSONComparison.difference(body, want) == nil, "\(body.serialized)")
        }
        await server.shutdown()
    }

    @Test(
        "an update of a column the trigger does not list, and a rolled-back write, are not captured",
        arguments: [DatabaseKind.sqlite, .postgres])
    func notCaptured(_ kind: DatabaseKind) async throws {
        let webhook = try await Webhook()
        defer { webhook.server.stop() }
        let server = try await ExampleServer.isolated(kind)
        try await Self.createTrigger(server, webhook: webhook.url, table: "article", update: #"["title"]"#)
        _ = try await server.graphQL(
            #"mutation { update_article_by_pk(pk_columns: {id: 1}, _set: {views: 7}) { id } }"#)
        // The second insert breaks a foreign key: the whole mutation rolls back, the first insert too.
        let failed = try await server.graphQL(
            #"mutation { a: insert_article_one(object: {author_id: 1, title: "kept?"}) { id } b: insert_article_one(object: {author_id: 999, title: "no"}) { id } }"#
        )
        #expect(failed.body["errors"] != nil)
        #expect(await Self.worker(server).deliverDueEvents() == 0)
        _ = try await server.graphQL(
            #"mutation { update_article_by_pk(pk_columns: {id: 1}, _set: {title: "Changed"}) { id } }"#)
        #expect(await Self.worker(server).deliverDueEvents() == 1)
        #expect(webhook.bodies.first?["event"]?["op"] == .string("UPDATE"))
        await server.shutdown()
    }

    @Test(
        "a 500 is retried with current_retry counting; a webhook that keeps failing is marked failed with every attempt logged",
        arguments: [DatabaseKind.sqlite, .postgres])
    func retries(_ kind: DatabaseKind) async throws {
        let flaky = try await Webhook(statuses: [500])
        defer { flaky.server.stop() }
        let server = try await ExampleServer.isolated(kind)
        try await Self.createTrigger(server, webhook: flaky.url, retries: 2)
        _ = try await server.graphQL(#"mutation { insert_tag_one(object: {id: 9, name: "new"}) { id } }"#)
        let worker = Self.worker(server)
        #expect(await worker.deliverDueEvents() == 1)
        #expect(await worker.deliverDueEvents() == 1)
        #expect(await worker.deliverDueEvents() == 0)
        #expect(flaky.bodies.map { $0["delivery_info"]?["current_retry"] } == [.number("0"), .number("1")])
        #expect(flaky.bodies.allSatisfy { $0["delivery_info"]?["max_retries"] == .number("2") })

        let down = try await Webhook(statuses: [503, 503, 503, 503])
        defer { down.server.stop() }
        let (_, replaced) = try await MetadataOperationTests.call(
            server, "\(MetadataOperationTests.prefix(kind))_delete_event_trigger", #"{"name": "tag_changed"}"#)
        #expect(replaced["message"] == .string("success"))
        try await Self.createTrigger(server, webhook: down.url, retries: 2)
        _ = try await server.graphQL(#"mutation { insert_tag_one(object: {id: 10, name: "other"}) { id } }"#)
        for _ in 0..<3 { #expect(await worker.deliverDueEvents() == 1) }
        #expect(await worker.deliverDueEvents() == 0, "given up after 1 + num_retries attempts")
        #expect(down.bodies.count == 3)
        let log = kind == .postgres ? "ministack.event_log" : "ministack_event_log"
        let invocations = kind == .postgres ? "ministack.event_invocation_log" : "ministack_event_invocation_log"
        let state = try await Self.runSQL(
            server,
            "SELECT e.tries, (SELECT count(*) FROM \(invocations) i WHERE i.event_id = e.id) FROM \(log) e WHERE e.error ORDER BY e.created_at"
        )
        #expect(state["result"]?.arrayValue?.dropFirst().map(\.serialized) == [#"["3","3"]"#], "\(state.serialized)")
        await server.shutdown()
    }
}
