import Foundation
import MinistackTesting

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Runs the built `ministack` binary as a user would.
struct BuiltBinary {
    static var path: String {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("ministack").path
        if FileManager.default.isExecutableFile(atPath: besideTests) { return besideTests }
        return ExampleProject.root + "/.build/debug/ministack"
    }

    struct Output {
        var status: Int32
        var text: String
    }

    /// Runs to completion and returns the exit status and combined output.
    static func run(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) throws
        -> Output
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.environment = ProcessInfo.processInfo.environment.filter {
            !$0.key.hasPrefix("MINISTACK_") && !$0.key.hasPrefix("HASURA_")
        }
        .merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, text: String(decoding: data, as: UTF8.self))
    }

    /// A running `ministack serve`, stopped with SIGTERM.
    final class Server {
        let process = Process()
        let port: Int
        let log: URL

        /// Starts `ministack serve` with `arguments` in `directory`; `environment` is added to
        /// the test process's (whose `MINISTACK_*` and `HASURA_*` variables are left out).
        init(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws {
            port = try FreePort.find()
            log = URL(fileURLWithPath: directory).appendingPathComponent("serve-\(port).log")
            FileManager.default.createFile(atPath: log.path, contents: nil)
            process.executableURL = URL(fileURLWithPath: BuiltBinary.path)
            process.arguments = ["serve", "--port", String(port)] + arguments
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            process.environment = ProcessInfo.processInfo.environment.filter {
                !$0.key.hasPrefix("MINISTACK_") && !$0.key.hasPrefix("HASURA_")
            }
            .merging(environment) { $1 }
            let handle = try FileHandle(forWritingTo: log)
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
        }

        var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

        /// Waits until `/healthz` answers, or throws with the server's log.
        func waitUntilHealthy() async throws {
            for _ in 0..<100 {
                if let (status, _) = try? await get("/healthz"), status == 200 { return }
                guard process.isRunning else { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            throw CLIError("server did not become healthy:\n\(output)")
        }

        func get(_ path: String) async throws -> (Int, String) {
            let (data, response) = try await URLSession.shared.data(
                from: URL(string: "http://127.0.0.1:\(port)\(path)")!)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
        }

        func post(_ path: String, body: String, headers: [String: String] = [:]) async throws -> (Int, String) {
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
            request.httpMethod = "POST"
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
        }

        /// Sends SIGTERM and returns the exit status.
        func stop() -> Int32 {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            return process.terminationStatus
        }

        deinit { if process.isRunning { process.terminate() } }
    }
}

enum FreePort {
    /// A loopback port the kernel reports free right now.
    static func find() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw CLIError("socket() failed") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw CLIError("bind() failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A temporary copy of the example project (metadata and seeds) to run the binary in.
struct ScratchProject {
    let directory: String

    init(copyingExample: Bool = true) throws {
        directory =
            FileManager.default.temporaryDirectory.appendingPathComponent("ministack-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if copyingExample {
            try FileManager.default.copyItem(atPath: ExampleProject.metadataDirectory, toPath: directory + "/metadata")
            try FileManager.default.copyItem(atPath: ExampleProject.seedsDirectory, toPath: directory + "/seeds")
        }
    }

    func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: directory + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
}
