import MinistackCore
import MinistackTesting
import Testing

/// Every mutation case folder, through HTTP, each on its own fresh copy of the example
/// database on SQLite and on Postgres, with one expected result for both.
@Suite("Mutation cases")
struct MutationCaseTests {
    @Test("on SQLite", arguments: MutationCase.all)
    func onSQLite(_ mutationCase: MutationCase) async throws {
        try await run(mutationCase, on: .sqlite)
    }

    @Test("on Postgres", arguments: MutationCase.all)
    func onPostgres(_ mutationCase: MutationCase) async throws {
        try await run(mutationCase, on: .postgres)
    }

    @Test("the case folders exist")
    func casesExist() {
        #expect(MutationCase.all.count >= 25)
    }

    func run(_ mutationCase: MutationCase, on kind: DatabaseKind) async throws {
        let expected = try mutationCase.expected(for: kind)
        let server = try await ExampleServer.isolated(kind)
        do {
            let (status, body) = try await server.graphQL(
                mutationCase.request, variables: try mutationCase.variables, headers: try mutationCase.headers)
            #expect(status == 200)
            let mismatch = MutationCase.mismatch(body, expected)
            #expect(mismatch == nil, "\(mutationCase.name) on \(kind): \(mismatch ?? "")\nactual: \(body.serialized)")
            if let after = mutationCase.after {
                let (afterStatus, afterBody) = try await server.graphQL(after)
                #expect(afterStatus == 200)
                let difference = JSONComparison.difference(afterBody, try mutationCase.expectedAfter(for: kind))
                #expect(
                    difference == nil,
                    "\(mutationCase.name) on \(kind), after.graphql: \(difference ?? "")\nactual: \(afterBody.serialized)"
                )
            }
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
    }
}
