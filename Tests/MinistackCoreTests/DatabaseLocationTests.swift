import MinistackCore
import Testing

@Suite("Database URLs")
struct DatabaseLocationTests {
    @Test(
        "accepted forms",
        arguments: [
            ("postgres://u:p@127.0.0.1:5432/db", DatabaseLocation.postgres(url: "postgres://u:p@127.0.0.1:5432/db")),
            ("postgresql://u@h/db", .postgres(url: "postgresql://u@h/db")),
            ("sqlite:data/app.db", .sqlite(path: "data/app.db")),
            ("sqlite:///tmp/app.db", .sqlite(path: "/tmp/app.db")),
            ("app.sqlite", .sqlite(path: "app.sqlite")),
            ("./x.db", .sqlite(path: "./x.db")),
        ])
    func accepted(url: String, location: DatabaseLocation) {
        #expect(DatabaseLocation(url: url) == location)
    }

    @Test("rejected forms", arguments: ["mysql://x", "sqlite:", "data.txt", ""])
    func rejected(url: String) {
        #expect(DatabaseLocation(url: url) == nil)
    }

    @Test("hides the password in logs")
    func masksPassword() {
        #expect(
            DatabaseLocation(url: "postgres://user:secret@h:5432/db")?.description == "postgres://user:***@h:5432/db")
    }
}
