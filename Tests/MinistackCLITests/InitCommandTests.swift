import Foundation
import MinistackCore
import MinistackTesting
import Testing

/// `ministack init <dir>`: the scaffold, and that `serve` and `metadata export` work in it.
@Suite("The ministack init command", .serialized)
struct InitCommandTests {
    @Test("init scaffolds metadata/, migrations/, seeds/ and a README; serve starts there and export round-trips")
    func scaffold() async throws {
        let parent = try ScratchProject(copyingExample: false)
        let output = try BuiltBinary.run(["init", "app"], in: parent.directory)
        #expect(output.status == 0, "\(output.text)")
        let root = parent.directory + "/app"
        let manager = FileManager.default
        for folder in ["migrations/default", "seeds/default"] {
            #expect(try manager.contentsOfDirectory(atPath: root + "/" + folder).isEmpty, "\(folder)")
        }
        let readme = try String(contentsOfFile: root + "/README.md", encoding: .utf8)
        for word in ["ministack serve", "ministack migrate apply", "ministack metadata apply"] {
            #expect(readme.contains(word), "README: missing \(word)")
        }
        #expect(
            try String(contentsOfFile: root + "/metadata/databases/default/tables/tables.yaml", encoding: .utf8)
                == "[]\n")
        let databases = try String(contentsOfFile: root + "/metadata/databases/databases.yaml", encoding: .utf8)
        #expect(databases.contains("kind: sqlite"))
        #expect(databases.contains("database_url: sqlite:ministack.sqlite"))
        // Every top-level file the example project has.
        let exampleTop = try manager.contentsOfDirectory(atPath: ExampleProject.metadataDirectory).sorted()
        #expect(try manager.contentsOfDirectory(atPath: root + "/metadata").sorted() == exampleTop)

        let server = try BuiltBinary.Server([], in: root)
        try await server.waitUntilHealthy()
        let export = try BuiltBinary.run(
            ["metadata", "export", "--metadata-dir", "exported"], in: root,
            environment: ["MINISTACK_ENDPOINT": "http://127.0.0.1:\(server.port)"])
        #expect(export.status == 0, "\(export.text)")
        for path in try manager.subpathsOfDirectory(atPath: root + "/metadata") {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: root + "/metadata/" + path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            else { continue }
            let written = try String(contentsOfFile: root + "/metadata/" + path, encoding: .utf8)
            let exported = try? String(contentsOfFile: root + "/exported/" + path, encoding: .utf8)
            #expect(exported == written, "\(path)")
        }
        let migrate = try BuiltBinary.run(
            ["migrate", "status"], in: root, environment: ["MINISTACK_ENDPOINT": "http://127.0.0.1:\(server.port)"])
        #expect(migrate.status == 0, "\(migrate.text)")
        #expect(server.stop() == 0)
    }

    @Test("init refuses a directory that is not empty (exit 2) and accepts an empty one")
    func refusesNonEmpty() throws {
        let project = try ScratchProject()
        let refused = try BuiltBinary.run(["init", project.directory])
        #expect(refused.status == 2, "\(refused.text)")
        #expect(refused.text.contains("not an empty directory"), "\(refused.text)")
        let empty = try ScratchProject(copyingExample: false)
        #expect(try BuiltBinary.run(["init", empty.directory]).status == 0)
        #expect(FileManager.default.fileExists(atPath: empty.directory + "/metadata/version.yaml"))
        let help = try BuiltBinary.run(["init", "--help"])
        #expect(help.text.contains("Examples:") && help.text.contains("Exit codes:"))
    }
}
