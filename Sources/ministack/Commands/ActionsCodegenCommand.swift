import ArgumentParser
import Foundation
import MinistackCore

/// `ministack actions codegen`: the starting code of an action's handler, from the metadata.
struct ActionsCodegenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codegen",
        abstract: "Write the code of an action's handler: models of its types and a server skeleton.",
        discussion: """
            Reads the action and its custom types from the running server's metadata \
            (export_metadata), or from a metadata directory with --metadata-dir, and writes into \
            the output directory:

            python-fastapi: <action>Types.py, Pydantic v2 models of the arguments, the output \
            type and Hasura's action payload; <action>.py, a FastAPI app answering \
            POST /<action> with a placeholder of the output type; requirements.txt. Run it with \
            `python3 -m uvicorn <action>:app`.

            typescript-express: <action>Types.ts, and <action>.ts with an Express handler.

            The types file is rewritten on every run; the handler and requirements.txt are yours \
            to edit and are kept when they exist, unless --overwrite is given.

            Examples:
              ministack actions codegen login --framework python-fastapi
              ministack actions codegen login --framework typescript-express --output api
              ministack actions codegen login --framework python-fastapi --metadata-dir metadata

            Exit codes: 0 written; 1 metadata that cannot be read or generated from; 2 unknown \
            action, bad flags, unreachable server, refused admin secret or unwritable files.
            """
    )

    @Argument(help: ArgumentHelp("The action to write a handler for.", valueName: "action"))
    var action: String

    @Option(
        help: ArgumentHelp(
            "The framework to write code for: \(CodegenFramework.allCases.map(\.rawValue).joined(separator: ", ")).",
            valueName: "framework"))
    var framework: String

    @Option(help: ArgumentHelp("Directory to write the files to.", valueName: "dir"))
    var output = "codegen"

    @Flag(help: "Also replace the handler and the other files meant to be edited, when they exist.")
    var overwrite = false

    @Option(
        help: ArgumentHelp(
            "Read the metadata from this directory (v3 layout) instead of the server.", valueName: "dir"))
    var metadataDir: String?

    @OptionGroup var server: ServerOptions

    func validate() throws {
        if CodegenFramework(rawValue: framework) == nil {
            let known = CodegenFramework.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("unknown --framework '\(framework)' (expected one of: \(known))")
        }
        if output.isEmpty { throw CommandFailure.usage("--output must not be empty") }
        if let metadataDir {
            if metadataDir.isEmpty { throw CommandFailure.usage("--metadata-dir must not be empty") }
            if server.endpoint != nil || server.adminSecret != nil {
                throw CommandFailure.usage(
                    "--metadata-dir reads the metadata from a directory: drop --endpoint and --admin-secret")
            }
        }
    }

    func run() async throws {
        try await CommandFailure.reporting {
            let metadata: Metadata
            if let metadataDir {
                metadata = try MetadataReader.read(files: MetadataDirectory(path: metadataDir).metadataFiles())
            } else {
                metadata = try MetadataReader.read(exportJSON: try await server.client().call("export_metadata"))
            }
            let files: [GeneratedFile]
            do {
                files = try ActionCodegen.files(
                    for: action, in: metadata, framework: CodegenFramework(rawValue: framework) ?? .pythonFastAPI)
            } catch ActionCodegenError.unknownAction(let name, let known) {
                throw CommandFailure(
                    message: ActionCodegenError.unknownAction(name, known: known).description,
                    details: ["Name one of the metadata's actions; see --help for usage."],
                    exitCode: MetadataExitCode.unusable)
            } catch {
                throw CommandFailure(
                    message: "cannot generate code for \(action): \(error)", exitCode: MetadataExitCode.failed)
            }
            try write(files)
        }
    }

    /// Writes the files under `output`; a scaffold that exists is kept unless `--overwrite`.
    private func write(_ files: [GeneratedFile]) throws(CommandFailure) {
        let manager = FileManager.default
        let directory = URL(fileURLWithPath: output, isDirectory: true)
        let terminal = Terminal.standardOutput
        for file in files {
            let url = directory.appendingPathComponent(file.path)
            let shown = (output as NSString).appendingPathComponent(file.path)
            if file.ownership == .scaffold, !overwrite, manager.fileExists(atPath: url.path) {
                terminal.printLine("Kept \(shown) (it exists; --overwrite replaces it)")
                continue
            }
            do {
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: url, options: .atomic)
            } catch {
                throw CommandFailure(
                    message: "cannot write \(shown): \(error.localizedDescription)",
                    exitCode: MetadataExitCode.unusable)
            }
            terminal.printLine("Wrote \(shown)")
        }
    }
}
