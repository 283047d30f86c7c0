import MinistackTesting
import Testing

@Suite("The throwaway Postgres cluster")
struct PostgresClusterTests {
    @Test("every caller gets the same running cluster on a loopback port")
    func shared() async throws {
        async let first = PostgresCluster.shared()
        async let second = PostgresCluster.shared()
        let (a, b) = try await (first, second)
        #expect(a === b)
        #expect(a.port > 0 && a.port < 65536)
        #expect(a.url(database: "app") == "postgres://postgres@127.0.0.1:\(a.port)/app")
    }

    @Test("createDatabase returns a URL, and refuses a name already taken")
    func createDatabase() async throws {
        let cluster = try await PostgresCluster.shared()
        let url = try await cluster.createDatabase(named: "cluster_tests_once")
        #expect(url == cluster.url(database: "cluster_tests_once"))
        await #expect {
            _ = try await cluster.createDatabase(named: "cluster_tests_once")
        } throws: { error in
            (error as? PostgresClusterError)?.message.contains("already exists") == true
        }
    }
}
