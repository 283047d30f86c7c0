import Foundation
import Hummingbird
import MinistackCore
import MinistackTesting
import Testing

/// The console in a real browser: `Tests/Browser/console_test.py` drives headless Chromium
/// (Debian's `chromium` and `chromium-driver`, Selenium from PyPI; `.ci/run` installs them)
/// against `ministack serve` with an admin secret and an update trigger on `author`. It answers
/// the secret prompt, runs a query in the explorer, edits a row in the data browser, and finds
/// the invocation that edit caused in the events view. Screenshots go to
/// `.build/artifacts/console/`.
@Suite("Console in headless Chromium", .serialized)
struct ConsoleBrowserTests {
    static let adminSecret = "console-test-secret"

    /// A webhook answering every event with 200 and a small JSON body.
    static func webhook() async throws -> LocalHTTPServer {
        let router = Router()
        router.post("/hook") { request, _ in
            _ = try await request.body.collect(upTo: 1 << 20)
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: "{\"received\":true}")))
        }
        return try await LocalHTTPServer.start(router: router)
    }

    /// The example project with an update trigger on `author` delivering to `url`.
    static func project(webhook url: String) throws -> ScratchProject {
        let project = try ScratchProject()
        let path = project.directory + "/metadata/databases/default/tables/main_author.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try
            (text + """
                event_triggers:
                  - name: author_changed
                    definition:
                      enable_manual: false
                      update:
                        columns: "*"
                    retry_conf:
                      interval_sec: 1
                      num_retries: 3
                      timeout_sec: 10
                    webhook: \(url)

                """).write(toFile: path, atomically: true, encoding: .utf8)
        return project
    }

    @Test("secret prompt, explorer, row edit and event invocations", arguments: [DatabaseKind.sqlite, .postgres])
    func console(kind: DatabaseKind) async throws {
        let hook = try await Self.webhook()
        defer { hook.stop() }
        let project = try Self.project(webhook: "http://127.0.0.1:\(hook.port)/hook")
        var arguments = ["--admin-secret", Self.adminSecret, "--events-fetch-interval", "100"]
        if kind == .postgres {
            let cluster = try await PostgresCluster.shared()
            let url = try await cluster.createDatabase(named: "console_\(UInt32.random(in: 0...UInt32.max))")
            arguments += ["--database-url", url]
        }
        let server = try BuiltBinary.Server(arguments, in: project.directory)
        defer { _ = server.stop() }
        try await server.waitUntilHealthy()
        if kind == .postgres {
            let body = JSONValue.fields([
                ("type", .string("run_sql")),
                ("args", .fields([("sql", .string(try ExampleProject.seed(for: .postgres)))])),
            ])
            let (status, answer) = try await server.post(
                "/v2/query", body: body.serialized, headers: ["x-hasura-admin-secret": Self.adminSecret])
            try #require(status == 200, "\(answer)")
        }

        let screenshots = ExampleProject.root + "/.build/artifacts/console"
        let script = ExampleProject.root + "/Tests/Browser/console_test.py"
        let (status, output) = try await ChildProcess.run([
            "python3", script, "--url", "http://127.0.0.1:\(server.port)", "--admin-secret", Self.adminSecret,
            "--screenshots", screenshots, "--label", "console-\(kind.rawValue)",
        ])
        #expect(
            status == 0,
            """
            the browser test failed (needs chromium, chromium-driver and `pip install selenium`; .ci/run installs them):
            \(output)
            server log:
            \(server.output)
            """)
        #expect(output.contains("console test passed"), "\(output)")
    }
}
