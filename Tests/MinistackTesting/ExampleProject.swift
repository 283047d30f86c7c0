import Foundation
public import MinistackCore

/// Paths of the example project shipped in the repository (metadata, seeds), which is
/// also the fixture every database test runs against.
public enum ExampleProject {
    /// The repository root, found from this file's location.
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    public static var metadataDirectory: String { root + "/metadata" }
    public static var seedsDirectory: String { root + "/seeds" }

    /// The example's seed SQL for a database kind.
    public static func seed(for kind: DatabaseKind) throws -> String {
        try String(contentsOfFile: seedsDirectory + "/default/example.\(kind.rawValue).sql", encoding: .utf8)
    }

    /// A metadata directory written as Hasura's CLI exports one, for the example's tables on
    /// Postgres: permissions, event triggers, actions with custom types, remote schemas,
    /// inherited roles, the allow list, query collections and cron triggers.
    public static var hasuraMetadataDirectory: String { root + "/Tests/Fixtures/hasura-metadata" }

    /// Every file of the example metadata directory, by relative path.
    public static func metadataFiles() throws -> [String: String] {
        try files(in: metadataDirectory)
    }

    /// Every file under `directory`, by relative path.
    public static func files(in directory: String) throws -> [String: String] {
        let rootURL = URL(fileURLWithPath: directory)
        let prefix = rootURL.standardizedFileURL.path + "/"
        var files: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(at: rootURL, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            files[String(url.standardizedFileURL.path.dropFirst(prefix.count))] = try String(
                contentsOf: url, encoding: .utf8)
        }
        return files
    }
}
