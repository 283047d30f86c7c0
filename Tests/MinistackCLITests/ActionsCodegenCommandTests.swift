import Foundation
import MinistackCore
import MinistackTesting
import OrderedCollections
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `ministack actions codegen` run as a user runs it, and the generated FastAPI app run as the
/// user would run it: `python3 -m uvicorn <action>:app`, answering a Hasura action payload.
///
/// Needs `python3` with `fastapi` and `uvicorn` (`.ci/run` installs them); without them the
/// app does not start and the tests fail.
@Suite("The ministack actions codegen command")
struct ActionsCodegenCommandTests {
    static let fixture = ExampleProject.root + "/Tests/Fixtures/actions-codegen"
    static let goldens = ExampleProject.root + "/Tests/MinistackCoreTests/Golden/codegen"

    @Test(
        "writes a FastAPI handler from the server's metadata that uvicorn serves and Hasura's payload validates against"
    )
    func fromServer() async throws {
        let project = try ScratchProject()
        for name in ["actions.graphql", "actions.yaml"] {
            try project.write(
                String(contentsOfFile: Self.fixture + "/" + name, encoding: .utf8), to: "metadata/" + name)
        }
        let server = try BuiltBinary.Server([], in: project.directory)
        try await server.waitUntilHealthy()
        let output = try BuiltBinary.run(
            [
                "actions", "codegen", "placeOrder", "--framework", "python-fastapi", "--output", "handler",
                "--endpoint", "http://127.0.0.1:\(server.port)",
            ], in: project.directory)
        #expect(output.status == 0, "\(output.text)")
        #expect(output.text.contains("Wrote handler/placeOrder.py"), "\(output.text)")
        #expect(server.stop() == 0)

        // The server's export gives the same code as the metadata directory (the goldens).
        let directory = project.directory + "/handler"
        for file in ["placeOrderTypes.py", "placeOrder.py", "requirements.txt"] {
            let written = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
            let golden = try String(
                contentsOfFile: Self.goldens + "/placeOrder/python-fastapi/" + file, encoding: .utf8)
            #expect(written == golden, "\(file) differs from the golden")
        }

        let app = try Uvicorn(module: "placeOrder", in: directory)
        defer { app.stop() }
        try await app.waitUntilReady()
        let payload = """
            {"action": {"name": "placeOrder"},
             "input": {"order": {"customerId": "c0a80101-0000-4000-8000-000000000042",
                                 "lines": [{"bookId": 1, "quantity": 2, "giftWrap": null}],
                                 "shipping": {"street": "1 Main St", "city": "Springfield"},
                                 "from": "web"},
                       "dryRun": true},
             "session_variables": {"x-hasura-role": "user", "x-hasura-user-id": "7"},
             "request_query": "mutation { placeOrder(order: {…}) { id status } }"}
            """
        let (status, body) = try await app.post("/placeOrder", body: payload)
        #expect(status == 200, "\(body)\n\(app.output)")
        let answer = try JSONParser.parse(bytes: Array(body.utf8))
        let order = [
            "id": "string", "status": "string", "total": "number", "placedAt": "string", "lines": "array",
            "shipping": "null", "extra": "null", "warnings": "null", "_links": "null",
        ]
        #expect(Self.shape(answer, like: order) == order, "\(body)")
        #expect(["PENDING", "SHIPPED", "None"].contains(answer["status"]?.stringValue ?? ""), "\(body)")

        // The models check the payload: a missing required argument is refused.
        let (refused, _) = try await app.post(
            "/placeOrder", body: #"{"action": {"name": "placeOrder"}, "input": {}, "session_variables": {}}"#)
        #expect(refused == 422)
    }

    @Test("the generated FastAPI handler, run with uvicorn, answers the action called through ministack")
    func throughMinistack() async throws {
        let project = try ScratchProject()
        for name in ["actions.graphql", "actions.yaml"] {
            let text = try String(contentsOfFile: Self.fixture + "/" + name, encoding: .utf8)
                .replacingOccurrences(
                    of: #"handler: http://127\.0\.0\.1:5000/(\w+)"#, with: "handler: '{{ACTION_BASE_URL}}/$1'",
                    options: .regularExpression)
            try project.write(text, to: "metadata/" + name)
        }
        let output = try BuiltBinary.run(
            [
                "actions", "codegen", "placeOrder", "--framework", "python-fastapi", "--metadata-dir", "metadata",
                "--output", "handler",
            ], in: project.directory)
        #expect(output.status == 0, "\(output.text)")
        let app = try Uvicorn(module: "placeOrder", in: project.directory + "/handler")
        defer { app.stop() }
        try await app.waitUntilReady()

        let server = try BuiltBinary.Server(
            [], in: project.directory, environment: ["ACTION_BASE_URL": "http://127.0.0.1:\(app.port)"])
        try await server.waitUntilHealthy()
        let query = #"""
            mutation { placeOrder(order: {customerId: "c0a80101-0000-4000-8000-000000000042", lines: [{bookId: 1, quantity: 2}], from: "web"}, dryRun: true) { __typename id status total lines { quantity book { id title } } } }
            """#
        let (status, body) = try await server.post(
            "/v1/graphql", body: JSONValue.fields([("query", .string(query))]).serialized)
        #expect(status == 200)
        let answer = try JSONParser.parse(body)
        #expect(answer["errors"] == nil, "\(body)\n\(server.output)\n\(app.output)")
        let order = try #require(answer["data"]?["placeOrder"], "\(body)")
        #expect(order["__typename"] == .string("OrderResult"))
        #expect(
            order["id"]?.stringValue != nil && order["total"] != nil && order["lines"]?.arrayValue != nil, "\(body)")
        #expect(order.objectValue?.keys.map { $0 } == ["__typename", "id", "status", "total", "lines"])
        #expect(server.stop() == 0)
    }

    @Test("writes handlers from a metadata directory whose list, scalar and aliased answers uvicorn serves")
    func fromDirectory() async throws {
        let project = try ScratchProject(copyingExample: false)
        for action in ["searchBooks", "ping", "walkTree"] {
            let output = try BuiltBinary.run(
                [
                    "actions", "codegen", action, "--framework", "python-fastapi", "--metadata-dir", Self.fixture,
                    "--output", "handlers",
                ], in: project.directory)
            #expect(output.status == 0, "\(output.text)")
        }

        let directory = project.directory + "/handlers"
        let books = try Uvicorn(module: "searchBooks", in: directory)
        defer { books.stop() }
        try await books.waitUntilReady()
        let (status, body) = try await books.post(
            "/searchBooks",
            body: """
                {"action": {"name": "searchBooks"}, "input": {"text": "engine", "genres": ["NON_FICTION"]},
                 "session_variables": {"x-hasura-role": "admin"}, "request_query": "{ searchBooks(text: \\"engine\\") { id } }"}
                """)
        #expect(status == 200, "\(body)\n\(books.output)")
        let list = try #require(try JSONParser.parse(bytes: Array(body.utf8)).arrayValue, "\(body)")
        #expect(list.count == 1)
        let book = ["id": "number", "title": "string", "genre": "null", "price": "null", "json": "null"]
        #expect(list.map { Self.shape($0, like: book) } == [book], "\(body)")
        let (unknownGenre, _) = try await books.post(
            "/searchBooks",
            body:
                #"{"action": {"name": "searchBooks"}, "input": {"text": "x", "genres": ["SCIENCE"]}, "session_variables": {}}"#
        )
        #expect(unknownGenre == 422)
        books.stop()

        let ping = try Uvicorn(module: "ping", in: directory)
        defer { ping.stop() }
        try await ping.waitUntilReady()
        let pong = try await ping.post(
            "/ping", body: #"{"action": {"name": "ping"}, "input": {}, "session_variables": {}}"#)
        #expect(pong.0 == 200 && pong.1 == "false", "\(pong.1)\n\(ping.output)")
        ping.stop()

        // Keywords, shadowing names and `_`-names travel under their GraphQL names; types refer to each other.
        let tree = try Uvicorn(module: "walkTree", in: directory)
        defer { tree.stop() }
        try await tree.waitUntilReady()
        let (treeStatus, treeBody) = try await tree.post(
            "/walkTree",
            body: """
                {"action": {"name": "walkTree"},
                 "input": {"date": "2024-05-01", "class": "oak",
                           "filter": {"and": [{"date": "2024-01-01", "kind": "_hidden", "List": "x"}], "kind": "class"}},
                 "session_variables": {}}
                """)
        #expect(treeStatus == 200, "\(treeBody)\n\(tree.output)")
        let nodes = try #require(try JSONParser.parse(bytes: Array(treeBody.utf8)).arrayValue, "\(treeBody)")
        let node = [
            "children": "array", "sibling": "null", "date": "null", "kind": "string", "Field": "null",
            "model_dump": "null", "model_name": "null",
        ]
        #expect(nodes.map { Self.shape($0, like: node) } == [node], "\(treeBody)")
        #expect(nodes.first?["kind"]?.stringValue == "name", "\(treeBody)")
        let (missingClass, _) = try await tree.post(
            "/walkTree", body: #"{"action": {"name": "walkTree"}, "input": {}, "session_variables": {}}"#)
        #expect(missingClass == 422)
    }

    @Test("keeps an edited handler unless --overwrite, and rejects an unknown action with exit 2")
    func keepsAndRejects() throws {
        let project = try ScratchProject(copyingExample: false)
        let arguments = [
            "actions", "codegen", "ping", "--framework", "typescript-express", "--metadata-dir", Self.fixture,
        ]
        #expect(try BuiltBinary.run(arguments, in: project.directory).status == 0)
        try project.write("// mine\n", to: "codegen/ping.ts")
        let again = try BuiltBinary.run(arguments, in: project.directory)
        #expect(again.status == 0)
        #expect(again.text.contains("Wrote codegen/pingTypes.ts"), "\(again.text)")
        #expect(again.text.contains("Kept codegen/ping.ts"), "\(again.text)")
        #expect(try String(contentsOfFile: project.directory + "/codegen/ping.ts", encoding: .utf8) == "// mine\n")
        #expect(try BuiltBinary.run(arguments + ["--overwrite"], in: project.directory).status == 0)
        #expect(try String(contentsOfFile: project.directory + "/codegen/ping.ts", encoding: .utf8) != "// mine\n")

        let unknown = try BuiltBinary.run(
            ["actions", "codegen", "nope", "--framework", "python-fastapi", "--metadata-dir", Self.fixture],
            in: project.directory)
        #expect(unknown.status == 2)
        #expect(
            unknown.text.contains(
                "error: no action named \"nope\" in the metadata (actions: ping, placeOrder, searchBooks, walkTree)"),
            "\(unknown.text)")

        let framework = try BuiltBinary.run(["actions", "codegen", "ping", "--framework", "cobol"])
        #expect(framework.status == 2)
        #expect(framework.text.contains("unknown --framework 'cobol'"), "\(framework.text)")
        let both = try BuiltBinary.run(
            [
                "actions", "codegen", "ping", "--framework", "python-fastapi", "--metadata-dir", ".", "--endpoint",
                "http://x",
            ])
        #expect(both.status == 2, "\(both.text)")
    }

    /// The kind of the value (`"string"`, `"null"`…) of each key of `expected` in `value`, to
    /// compare with `expected`.
    static func shape(_ value: JSONValue, like expected: [String: String]) -> [String: String] {
        var shape: [String: String] = [:]
        for key in expected.keys { shape[key] = value[key]?.kindName ?? "missing" }
        return shape
    }
}

/// A generated FastAPI app run with `python3 -m uvicorn <module>:app` on a free loopback port.
final class Uvicorn {
    let process = Process()
    let port: Int
    let log: URL

    init(module: String, in directory: String) throws {
        port = try FreePort.find()
        log = URL(fileURLWithPath: directory).appendingPathComponent("uvicorn-\(port).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "uvicorn", "\(module):app", "--host", "127.0.0.1", "--port", "\(port)"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// Waits until FastAPI answers `/openapi.json`, or throws with uvicorn's log (which says
    /// so when fastapi or uvicorn is not installed).
    func waitUntilReady() async throws {
        for _ in 0..<200 {
            guard process.isRunning else { break }
            if let (data, response) = try? await URLSession.shared.data(
                from: URL(string: "http://127.0.0.1:\(port)/openapi.json")!),
                (response as? HTTPURLResponse)?.statusCode == 200, !data.isEmpty
            {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw CLIError("uvicorn did not start (is `python3 -m pip install fastapi uvicorn` done?):\n\(output)")
    }

    func post(_ path: String, body: String) async throws -> (Int, String) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = "POST"
        request.httpBody = Data(body.utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// Kills uvicorn. SIGKILL rather than SIGTERM: a process started from the test runner
    /// inherits its blocked signal mask, so Python never sees a SIGTERM.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
}
