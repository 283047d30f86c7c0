import MinistackCore
import MinistackTesting
import Testing

/// Every case folder, through HTTP, against the example on SQLite and on Postgres, with
/// one expected result for both.
@Suite("Query cases")
struct QueryCaseTests {
    @Test("on SQLite", arguments: QueryCase.all)
    func onSQLite(_ queryCase: QueryCase) async throws {
        try await run(queryCase, on: .sqlite)
    }

    @Test("on Postgres", arguments: QueryCase.all)
    func onPostgres(_ queryCase: QueryCase) async throws {
        try await run(queryCase, on: .postgres)
    }

    @Test("the case folders exist")
    func casesExist() {
        #expect(QueryCase.all.count >= 10)
    }

    func run(_ queryCase: QueryCase, on kind: DatabaseKind) async throws {
        let server = try await ExampleServer.shared(kind)
        let (status, body) = try await server.graphQL(
            queryCase.query, variables: try queryCase.variables, operationName: queryCase.operationName,
            headers: try queryCase.headers)
        let expected = try queryCase.expected(for: kind)
        #expect(status == 200)
        let difference = JSONComparison.difference(body, expected)
        #expect(difference == nil, "\(queryCase.name) on \(kind): \(difference ?? "")\nactual: \(body.serialized)")
    }
}
