import Foundation
import Hummingbird
import MinistackCore
import MinistackTesting
import Synchronization
import Testing

/// Event delivery through the built binary: nothing is lost when the server is killed, and two
/// servers on one Postgres never deliver an event twice at once.
@Suite("Event delivery through ministack serve", .serialized)
struct EventDeliveryCommandTests {
    /// Counts the event ids a webhook receives, and how many arrived more than once.
    final class Receiver: Sendable {
        let ids = Mutex<[String: Int]>([:])
        /// Requests received, answered or not.
        let started = Atomic<Int>(0)

        func receive(_ text: String) {
            guard let id = (try? JSONParser.parse(text))?["id"]?.stringValue else { return }
            ids.withLock { $0[id, default: 0] += 1 }
        }

        var distinct: Int { ids.withLock { $0.count } }
        var duplicates: Int { ids.withLock { $0.values.reduce(0) { $0 + $1 - 1 } } }
    }

    /// A webhook answering 200 after `delay`.
    static func webhook(_ receiver: Receiver, delay: Duration = .zero) async throws -> LocalHTTPServer {
        let router = Router()
        router.post("/hook") { request, _ in
            let body = String(buffer: try await request.body.collect(upTo: 1 << 20))
            receiver.started.add(1, ordering: .relaxed)
            if delay > .zero { try await Task.sleep(for: delay) }
            receiver.receive(body)
            return Response(status: .ok)
        }
        return try await LocalHTTPServer.start(router: router)
    }

    /// The example project with an insert trigger on `tag` delivering to `url`.
    static func project(webhook url: String) throws -> ScratchProject {
        let project = try ScratchProject()
        let path = project.directory + "/metadata/databases/default/tables/main_tag.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try
            (text + """
                event_triggers:
                  - name: tag_created
                    definition:
                      enable_manual: false
                      insert:
                        columns: "*"
                    retry_conf:
                      interval_sec: 1
                      num_retries: 5
                      timeout_sec: 10
                    webhook: \(url)

                """).write(toFile: path, atomically: true, encoding: .utf8)
        return project
    }

    static func waitFor(_ count: Int, _ receiver: Receiver, seconds: Int = 60) async throws {
        for _ in 0..<(seconds * 10) where receiver.distinct < count {
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Loads the example's Postgres seed into a fresh database through `run_sql` (which reloads the
    /// metadata, so the tables and the trigger appear).
    static func seed(_ server: BuiltBinary.Server) async throws {
        let body = JSONValue.fields([
            ("type", .string("run_sql")),
            ("args", .fields([("sql", .string(try ExampleProject.seed(for: .postgres)))])),
        ])
        let (status, answer) = try await server.post("/v2/query", body: body.serialized)
        #expect(status == 200, "\(answer)")
    }

    static func insertTags(_ server: BuiltBinary.Server, from first: Int, count: Int) async throws {
        let rows = (first..<(first + count)).map { "(\($0), 'tag \($0)')" }.joined(separator: ", ")
        let body = JSONValue.fields([
            ("type", .string("run_sql")),
            ("args", .fields([("sql", .string("INSERT INTO tag (id, name) VALUES \(rows)"))])),
        ])
        let (status, answer) = try await server.post("/v2/query", body: body.serialized)
        #expect(status == 200, "\(answer)")
    }

    @Test(
        "events pending when the server is killed with SIGKILL are delivered after a restart",
        arguments: [
            DatabaseKind.sqlite, .postgres,
        ])
    func killAndRestart(_ kind: DatabaseKind) async throws {
        let receiver = Receiver()
        let hook = try await Self.webhook(receiver)
        defer { hook.stop() }
        let project = try Self.project(webhook: hook.baseURL + "/hook")
        var arguments: [String] = []
        if kind == .postgres {
            let cluster = try await PostgresCluster.shared()
            let url = try await cluster.createDatabase(named: "events_kill_\(UInt32.random(in: 0...UInt32.max))")
            arguments = ["--database-url", url]
        }
        // The worker polls once at start (nothing yet), then not for ten minutes.
        let first = try BuiltBinary.Server(arguments + ["--events-fetch-interval", "600000"], in: project.directory)
        try await first.waitUntilHealthy()
        if kind == .postgres { try await Self.seed(first) }
        try await Task.sleep(for: .milliseconds(300))
        try await Self.insertTags(first, from: 100, count: 50)
        kill(first.process.processIdentifier, SIGKILL)
        first.process.waitUntilExit()
        #expect(receiver.distinct == 0)

        let second = try BuiltBinary.Server(arguments + ["--events-fetch-interval", "100"], in: project.directory)
        try await second.waitUntilHealthy()
        try await Self.waitFor(50, receiver)
        #expect(receiver.distinct == 50, "\(second.output)")
        #expect(receiver.duplicates == 0)
        #expect(second.stop() == 0)
    }

    @Test("two servers on one Postgres deliver 1,000 events, each once")
    func twoInstances() async throws {
        let receiver = Receiver()
        let hook = try await Self.webhook(receiver)
        defer { hook.stop() }
        let project = try Self.project(webhook: hook.baseURL + "/hook")
        let cluster = try await PostgresCluster.shared()
        let url = try await cluster.createDatabase(named: "events_two_\(UInt32.random(in: 0...UInt32.max))")
        let arguments = ["--database-url", url, "--events-fetch-interval", "20"]
        let one = try BuiltBinary.Server(arguments, in: project.directory)
        try await one.waitUntilHealthy()
        try await Self.seed(one)
        let two = try BuiltBinary.Server(arguments, in: project.directory)
        try await two.waitUntilHealthy()
        for batch in 0..<10 { try await Self.insertTags(one, from: 1_000 + batch * 100, count: 100) }
        try await Self.waitFor(1_000, receiver, seconds: 120)
        #expect(receiver.distinct == 1_000)
        // Reported, not hidden: an event delivered twice would show here.
        #expect(receiver.duplicates == 0, "duplicates: \(receiver.duplicates)")
        #expect(one.stop() == 0)
        #expect(two.stop() == 0)
    }

    @Test(
        "SIGTERM while deliveries are under way: they finish and are recorded before the server exits",
        arguments: [DatabaseKind.sqlite, .postgres])
    func gracefulShutdown(_ kind: DatabaseKind) async throws {
        let receiver = Receiver()
        // Each delivery takes 2 s, so SIGTERM lands while the first batch is in flight.
        let hook = try await Self.webhook(receiver, delay: .seconds(2))
        defer { hook.stop() }
        let project = try Self.project(webhook: hook.baseURL + "/hook")
        var arguments: [String] = []
        if kind == .postgres {
            let cluster = try await PostgresCluster.shared()
            let url = try await cluster.createDatabase(named: "events_term_\(UInt32.random(in: 0...UInt32.max))")
            arguments = ["--database-url", url]
        }
        let first = try BuiltBinary.Server(
            arguments + ["--events-fetch-interval", "100", "--events-fetch-batch-size", "5"], in: project.directory)
        try await first.waitUntilHealthy()
        if kind == .postgres { try await Self.seed(first) }
        try await Self.insertTags(first, from: 300, count: 10)
        for _ in 0..<100 where receiver.started.load(ordering: .relaxed) < 5 {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(receiver.started.load(ordering: .relaxed) == 5, "the first batch of 5 is in flight")
        #expect(receiver.distinct == 0, "none has been answered yet")
        let stopping = ContinuousClock.now
        #expect(first.stop() == 0)
        #expect(stopping.duration(to: .now) < .seconds(30), "exits once the batch is done, not at the timeout")
        #expect(receiver.distinct == 5, "the batch under way finished before the server exited")

        // A second server delivers the other 5, and none of the first 5 again: their outcome was recorded.
        let second = try BuiltBinary.Server(arguments + ["--events-fetch-interval", "100"], in: project.directory)
        try await second.waitUntilHealthy()
        try await Self.waitFor(10, receiver)
        #expect(receiver.distinct == 10, "\(second.output)")
        #expect(receiver.duplicates == 0)
        #expect(second.stop() == 0)
    }
}
