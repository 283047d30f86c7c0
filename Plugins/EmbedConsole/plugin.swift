import Foundation
import PackagePlugin

/// Embeds the console's sources (`web/` at the package root) into the target that uses this
/// plugin, as a generated `ConsoleAssets+Embedded.swift`, so one copied binary serves the
/// console with nothing beside it. Rebuilt when any file under `web/` changes.
@main
struct EmbedConsole: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let web = context.package.directoryURL.appending(path: "web")
        let files = Self.files(under: web)
        let output = context.pluginWorkDirectoryURL.appending(path: "ConsoleAssets+Embedded.swift")
        return [
            .buildCommand(
                displayName: "Embedding the console (\(files.count) files)",
                executable: try context.tool(named: "ConsoleEmbedder").url,
                arguments: [output.path, web.path] + files.map(\.path),
                inputFiles: files, outputFiles: [output])
        ]
    }

    static func files(under directory: URL) -> [URL] {
        guard
            let enumerator = FileManager.default.enumerator(
                at: directory, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        return enumerator.compactMap { $0 as? URL }
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            .sorted { $0.path < $1.path }
    }
}
