import MinistackCore
import Testing

@testable import MinistackPostgres

@Suite("Postgres URLs")
struct PostgresURLTests {
    @Test("a full URL gives user, decoded password, host, port, database and sslmode")
    func fullURL() throws {
        let url = try PostgresURL("postgres://app:p%40ss%3Aw%2Frd@db.example.com:5433/my_app?sslmode=require")
        #expect(url.user == "app")
        #expect(url.password == "p@ss:w/rd")
        #expect(url.host == "db.example.com")
        #expect(url.port == 5433)
        #expect(url.database == "my_app")
        #expect(url.sslMode == .require)
        #expect(url.socketDirectory == nil)
    }

    @Test("postgresql:// works too, and the defaults are port 5432, no password, TLS disabled")
    func defaults() throws {
        let url = try PostgresURL("postgresql://postgres@localhost/app")
        #expect(url == PostgresURL(user: "postgres", host: "localhost", port: 5432, database: "app"))
        #expect(url.password == nil)
        #expect(url.sslMode == .disable)
    }

    @Test("an empty password is a password, a missing database is nil")
    func emptyPasswordAndNoDatabase() throws {
        let url = try PostgresURL("postgres://user:@127.0.0.1:6000")
        #expect(url.password == "")
        #expect(url.database == nil)
        #expect(url.port == 6000)
    }

    @Test("IPv6 hosts go in brackets")
    func ipv6() throws {
        let url = try PostgresURL("postgres://u@[::1]:7000/db")
        #expect(url.host == "::1")
        #expect(url.port == 7000)
        #expect(url.description == "postgres://u@[::1]:7000/db")
    }

    @Test("query parameters: a socket directory as host, application name, timeout, sslmode=disable")
    func queryParameters() throws {
        let url = try PostgresURL(
            "postgres://u@/db?host=%2Fvar%2Frun%2Fpostgresql&application_name=tests&connect_timeout=3&sslmode=disable")
        #expect(url.socketDirectory == "/var/run/postgresql")
        #expect(url.applicationName == "tests")
        #expect(url.connectTimeout == 3)
        #expect(url.sslMode == .disable)
    }

    @Test("the description masks the password")
    func descriptionMasksPassword() throws {
        let url = try PostgresURL("postgres://app:hunter2@db:5432/app?sslmode=verify-full")
        #expect(url.description == "postgres://app:***@db:5432/app?sslmode=verify-full")
        #expect(!url.description.contains("hunter2"))
    }

    @Test(
        "malformed URLs are rejected without repeating the URL",
        arguments: [
            "mysql://u:secret@h/db",
            "postgres://u:secret@h:notaport/db",
            "postgres://u:secret@h:70000/db",
            "postgres://u:secret@h/db?sslmode=sometimes",
            "postgres://u:secret@h/db?pool=5",
            "postgres://u:secret%zz@h/db",
            "postgres://u:secret@[::1/db",
        ])
    func rejected(url: String) {
        #expect {
            _ = try PostgresURL(url)
        } throws: { error in
            guard case DriverError.connectionFailed(let message) = error else { return false }
            return message.hasPrefix("invalid database URL") && !message.contains("secret")
        }
    }

    @Test("the driver rejects a bad URL at init")
    func driverInitRejects() {
        #expect(throws: DriverError.self) { _ = try PostgresDriver(url: "http://example.com") }
    }
}
