import MinistackCore
import MinistackTesting
import OrderedCollections
import Testing

@testable import MinistackEngine

@Suite("Plan cache")
struct PlanCacheTests {
    @Test(
        "a repeated document with new scalar values reuses one plan; a new shape adds one",
        arguments: [DatabaseKind.sqlite, .postgres])
    func reuse(_ kind: DatabaseKind) async throws {
        let server = try await ExampleServer.shared(kind)
        let query =
            "query CacheProbe($id: Int!, $where: article_bool_exp) { author_by_pk(id: $id) { name articles(where: $where, order_by: {id: asc}) { id } } }"
        let key = OperationCache.Key(role: "admin", query: query, operationName: nil)
        let first = try await server.graphQL(
            query,
            variables: .object(["id": .number("1"), "where": .object(["views": .object(["_gt": .number("150")])])]))
        let second = try await server.graphQL(
            query,
            variables: .object(["id": .number("5"), "where": .object(["views": .object(["_gt": .number("0")])])]))
        #expect(first.body["data"]?["author_by_pk"]?["articles"] == .array([.object(["id": .number("4")])]))
        #expect(second.body["data"]?["author_by_pk"]?["name"] == .string("Grace Hopper"))
        #expect(
            second.body["data"]?["author_by_pk"]?["articles"]
                == .array([.object(["id": .number("11")]), .object(["id": .number("12")])]))
        let prepared = try #require(server.engine.store.snapshot.operations.cached(key))
        #expect(prepared.planCount == 1)
        _ = try await server.graphQL(
            query,
            variables: .object(["id": .number("1"), "where": .object(["published": .object(["_eq": .bool(true)])])]))
        #expect(prepared.planCount == 2)
    }
}
