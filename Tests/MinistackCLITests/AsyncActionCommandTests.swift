import Foundation
import Hummingbird
import MinistackCore
import MinistackTesting
import Synchronization
import Testing

/// Asynchronous actions through the built binary: a call stored before the server was killed
/// is run after a restart.
@Suite("Asynchronous actions through ministack serve", .serialized)
struct AsyncActionCommandTests {
    final class Handler: Sendable {
        /// Requests received; the first one never gets an answer before the server is killed.
        let calls = Atomic<Int>(0)
    }

    @Test("a call whose server was killed while running it is run again after a restart, and its result read back")
    func restartWhilePending() async throws {
        let handler = Handler()
        let router = Router()
        router.post("/later") { request, _ in
            _ = try await request.body.collect(upTo: 1 << 20)
            if handler.calls.add(1, ordering: .relaxed).newValue == 1 { try await Task.sleep(for: .seconds(30)) }
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"accessToken": "after-restart"}"#)))
        }
        let hook = try await LocalHTTPServer.start(router: router)
        defer { hook.stop() }
        let project = try ScratchProject()
        try """
        type Mutation {
          later(name: String!): LaterResult
        }

        type LaterResult {
          accessToken: String!
        }

        """.write(toFile: project.directory + "/metadata/actions.graphql", atomically: true, encoding: .utf8)
        try """
        actions:
          - name: later
            definition:
              kind: asynchronous
              handler: \(hook.baseURL)/later
              timeout: 15
        custom_types:
          enums: []
          input_objects: []
          objects:
            - name: LaterResult
          scalars: []

        """.write(toFile: project.directory + "/metadata/actions.yaml", atomically: true, encoding: .utf8)

        let first = try BuiltBinary.Server([], in: project.directory)
        try await first.waitUntilHealthy()
        let (_, started) = try await first.post(
            "/v1/graphql", body: #"{"query": "mutation { later(name: \"x\") }"}"#)
        let id = try #require(try JSONParser.parse(started)["data"]?["later"]?.stringValue, "\(started)")
        for _ in 0..<100 where handler.calls.load(ordering: .relaxed) < 1 {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(handler.calls.load(ordering: .relaxed) == 1, "the worker took the call")
        kill(first.process.processIdentifier, SIGKILL)
        first.process.waitUntilExit()

        // The claim's lock (timeout + 10 s = 25 s) expires, then the new server runs the call again.
        let second = try BuiltBinary.Server([], in: project.directory)
        try await second.waitUntilHealthy()
        let read = #"{"query": "query { later(id: \"\#(id)\") { output { accessToken } errors } }"}"#
        var answer = JSONValue.null
        for _ in 0..<120 {
            let (_, text) = try await second.post("/v1/graphql", body: read)
            answer = try JSONParser.parse(text)
            if answer["data"]?["later"]?["output"] != .null { break }
            try await Task.sleep(for: .milliseconds(500))
        }
        #expect(answer["data"]?["later"]?["output"]?["accessToken"] == .string("after-restart"), "\(answer.serialized)")
        #expect(handler.calls.load(ordering: .relaxed) == 2)
        #expect(second.stop() == 0)
    }
}
