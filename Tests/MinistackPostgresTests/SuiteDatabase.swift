import MinistackCore
import MinistackPostgres
import MinistackTesting

/// A database of the shared test cluster, created once per suite with its schema, and a
/// driver connected to it.
///
/// Suites keep one in a `static let` task, so the database is created on first use and
/// every test of the suite shares it; tests only read, or write inside statements that
/// fail, so they do not disturb each other.
final class SuiteDatabase: Sendable {
    let url: String
    let driver: PostgresDriver

    private init(url: String, driver: PostgresDriver) {
        self.url = url
        self.driver = driver
    }

    static func make(named name: String, schema: String) async throws -> SuiteDatabase {
        let cluster = try await PostgresCluster.shared()
        let url = try await cluster.createDatabase(named: name)
        let driver = try PostgresDriver(url: url)
        if !schema.isEmpty { try await driver.executeScript(schema) }
        return SuiteDatabase(url: url, driver: driver)
    }
}
