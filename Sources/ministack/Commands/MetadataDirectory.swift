import ArgumentParser
import Foundation
import MinistackCore

/// A metadata directory on disk: reads its files for `MetadataReader`, and replaces the files of
/// the layout `MetadataDirectoryWriter` writes (keeping anything else, such as a README).
struct MetadataDirectory: Sendable {
    let path: String

    var url: URL { URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL }

    var exists: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The YAML and GraphQL files under the directory, by relative path.
    func metadataFiles() throws(CommandFailure) -> [String: String] {
        guard exists else {
            throw CommandFailure(
                message: "no metadata directory at \(path)",
                details: ["Set --metadata-dir, or run `ministack metadata export` to create it."],
                exitCode: MetadataExitCode.unusable)
        }
        var files: [String: String] = [:]
        for relative in relativeFilePaths()
        where relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") || relative.hasSuffix(".graphql") {
            do {
                files[relative] = try String(contentsOf: url.appendingPathComponent(relative), encoding: .utf8)
            } catch {
                throw CommandFailure(
                    message: "cannot read \(path)/\(relative): \(error.localizedDescription)",
                    exitCode: MetadataExitCode.unusable)
            }
        }
        return files
    }

    /// The files of the exported layout only (what `metadata export` would write or remove).
    func layoutFiles() throws(CommandFailure) -> [String: String] {
        try metadataFiles().filter { MetadataDirectoryWriter.ownsFile($0.key) }
    }

    /// Removes the files of the exported layout (and folders left empty under `databases/`),
    /// then writes `files`.
    func replace(with files: [String: String]) throws(CommandFailure) {
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: url, withIntermediateDirectories: true)
            for relative in relativeFilePaths() where MetadataDirectoryWriter.ownsFile(relative) {
                try manager.removeItem(at: url.appendingPathComponent(relative))
            }
            removeEmptyFolders(under: url.appendingPathComponent("databases"))
            for (relative, text) in files.sorted(by: { $0.key < $1.key }) {
                let file = url.appendingPathComponent(relative)
                try manager.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: file, options: .atomic)
            }
        } catch {
            throw CommandFailure(
                message: "cannot write \(path): \(error.localizedDescription)", exitCode: MetadataExitCode.unusable)
        }
    }

    /// Relative paths of the files under the directory, hidden ones skipped, sorted.
    private func relativeFilePaths() -> [String] {
        let manager = FileManager.default
        let paths = (try? manager.subpathsOfDirectory(atPath: url.path)) ?? []
        return paths.filter { relative in
            var isDirectory: ObjCBool = false
            return !relative.split(separator: "/").contains { $0.hasPrefix(".") }
                && manager.fileExists(atPath: url.appendingPathComponent(relative).path, isDirectory: &isDirectory)
                && !isDirectory.boolValue
        }
        .sorted()
    }

    /// Deletes folders under `folder` (and `folder` itself) that hold no files.
    private func removeEmptyFolders(under folder: URL) {
        let manager = FileManager.default
        guard let entries = try? manager.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil) else {
            return
        }
        for entry in entries where (try? entry.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
            removeEmptyFolders(under: entry)
        }
        if (try? manager.contentsOfDirectory(atPath: folder.path))?.isEmpty == true {
            try? manager.removeItem(at: folder)
        }
    }
}

extension MetadataDirectory {
    /// The files `metadata export` writes for the server's export JSON.
    func exportedFiles(for json: JSONValue) throws(CommandFailure) -> [String: String] {
        do {
            return try MetadataDirectoryWriter.files(for: json)
        } catch {
            throw CommandFailure(
                message: "the server's metadata cannot be written as a directory: \(error)",
                exitCode: MetadataExitCode.unusable)
        }
    }
}
