import Foundation
import Logging
public import MinistackCore
import MinistackEngine
import MinistackPostgres

/// Servers over a private copy of the example database, for tests that write.
///
/// ```swift
/// let server = try await ExampleServer.isolated(.postgres)
/// defer { Task { await server.shutdown() } }   // or call it at the end of the test
/// let (_, body) = try await server.graphQL("mutation { delete_tag_by_pk(id: 5) { name } }")
/// ```
///
/// - SQLite: every call seeds a new temporary file through the loader, as `ministack serve`
///   does on first run.
/// - Postgres: the example is seeded once per process into a template database, and every
///   call copies it with `CREATE DATABASE … TEMPLATE …` (`createdb -T`), which is much faster
///   than running the seed script again.
extension ExampleServer {
    /// A new server over a new, freshly seeded copy of the example database. Call
    /// ``shutdown()`` when done so its connections (and its Postgres database or SQLite file) go away.
    public static func isolated(_ kind: DatabaseKind) async throws -> ExampleServer {
        let url: String
        switch kind {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("\(isolatedPrefix)\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            url = "sqlite:" + directory.appendingPathComponent("example.sqlite").path
        case .postgres:
            let cluster = try await PostgresCluster.shared()
            let template = try await ExampleTemplate.instance.name(on: cluster)
            let name = isolatedPrefix + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            url = try await cluster.createDatabase(named: name, template: template)
        }
        return try await serve(kind, databaseURL: url)
    }

    /// Closes the engine's connections; for a server from ``isolated(_:)`` also drops its
    /// Postgres database or deletes its SQLite file (best effort: a failure only leaves garbage
    /// in the throwaway cluster or temporary directory).
    public func shutdown() async {
        await engine.shutdown()
        switch kind {
        case .sqlite:
            let path = String(databaseURL.dropFirst("sqlite:".count))
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            if directory.lastPathComponent.hasPrefix(Self.isolatedPrefix) {
                try? FileManager.default.removeItem(at: directory)
            }
        case .postgres:
            guard let name = databaseURL.split(separator: "/").last.map(String.init),
                name.hasPrefix(Self.isolatedPrefix),
                let cluster = try? await PostgresCluster.shared()
            else { return }
            try? await cluster.dropDatabase(named: name)
        }
    }

    static let isolatedPrefix = "ministack_isolated_"
}

/// The seeded template database of this process, created on first use.
private actor ExampleTemplate {
    static let instance = ExampleTemplate()
    private var task: Task<String, any Error>?

    func name(on cluster: PostgresCluster) async throws -> String {
        if let task { return try await task.value }
        let task = Task {
            let name = "ministack_example_template_\(UInt32.random(in: 0..<UInt32.max))"
            let url = try await cluster.createDatabase(named: name)
            let driver = try PostgresDriver(url: PostgresURL(url), maximumConnections: 1)
            do {
                try await driver.executeScript(try ExampleProject.seed(for: .postgres))
            } catch {
                await driver.shutdown()
                throw error
            }
            // A template must have no connections while it is copied.
            await driver.shutdown()
            return name
        }
        self.task = task
        return try await task.value
    }
}

extension PostgresCluster {
    /// Creates a database as a copy of `template` (which must have no open connections) and returns its URL.
    func createDatabase(named name: String, template: String) async throws -> String {
        let command = PostgresClusterCommand(
            executable: binDirectory + "/createdb",
            arguments: ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-T", template, "--", name],
            user: nil)
        try await command.runChecked("creating database \(name) from \(template)")
        return url(database: name)
    }

    /// Drops a database, ending any connection still open to it.
    func dropDatabase(named name: String) async throws {
        let command = PostgresClusterCommand(
            executable: binDirectory + "/dropdb",
            arguments: ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "--force", "--if-exists", "--", name],
            user: nil)
        try await command.runChecked("dropping database \(name)")
    }
}
