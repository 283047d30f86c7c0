import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One external command run by `PostgresCluster` (`initdb`, `pg_ctl`, `createdb`), with its
/// combined output captured for error messages.
///
/// Launched with `posix_spawn` and reaped with `waitpid`, not with Foundation's `Process`:
/// on Linux `Process` detects termination through a socket the child inherits, and the
/// server that `pg_ctl start` daemonizes keeps that socket open, so `waitUntilExit()`
/// would never return. Output goes to a temporary file rather than a pipe for the same
/// reason. The child gets our environment minus `PG*` variables, stdin from `/dev/null`,
/// and no other descriptors.
struct PostgresClusterCommand: Sendable {
    var executable: String
    var arguments: [String]
    /// Run as this user through `runuser` (we are root and `initdb` refuses root), or as ourselves.
    var user: String?

    struct Output: Sendable {
        var status: Int32
        var text: String
    }

    /// Runs the command to completion, blocking the calling thread.
    func runBlocking() throws(PostgresClusterError) -> Output {
        let argv: [String] =
            if let user { [Self.runuserPath, "-u", user, "--", executable] + arguments } else {
                [executable] + arguments
            }
        let environment = ProcessInfo.processInfo.environment
            .filter { !$0.key.hasPrefix("PG") }
            .map { "\($0.key)=\($0.value)" }

        let logPath = NSTemporaryDirectory() + "ministack-command-\(UUID().uuidString).log"
        defer { unlink(logPath) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        closeDescriptorsFromThree(&actions)

        var pid = pid_t()
        let spawnResult = withCStrings(argv) { argvPointers in
            withCStrings(environment) { environmentPointers in
                posix_spawn(&pid, argv[0], &actions, nil, argvPointers, environmentPointers)
            }
        }
        guard spawnResult == 0 else {
            throw PostgresClusterError("cannot launch \(commandLine): \(String(cString: strerror(spawnResult)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else {
                throw PostgresClusterError("waiting for \(commandLine) failed: \(String(cString: strerror(errno)))")
            }
        }
        let text = FileManager.default.contents(atPath: logPath).map { String(decoding: $0, as: UTF8.self) } ?? ""
        // WIFEXITED / WEXITSTATUS, spelled out (the C macros are not imported).
        let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Output(status: exitStatus, text: text)
    }

    /// Runs the command and throws, with its output, unless it exits with status 0.
    @discardableResult
    func runCheckedBlocking(_ purpose: String) throws(PostgresClusterError) -> String {
        let output = try runBlocking()
        guard output.status == 0 else {
            throw PostgresClusterError(
                "\(purpose) failed (exit status \(output.status)): \(commandLine)\n\(output.text)")
        }
        return output.text
    }

    /// Runs the command on its own thread so the cooperative pool is not blocked.
    @discardableResult
    func runChecked(_ purpose: String) async throws(PostgresClusterError) -> String {
        let result = await runOnThread { () -> Result<String, PostgresClusterError> in
            do throws(PostgresClusterError) {
                return .success(try runCheckedBlocking(purpose))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    var commandLine: String {
        ([user.map { "runuser -u \($0) --" }].compactMap { $0 } + [executable] + arguments)
            .joined(separator: " ")
    }

    static var runuserPath: String {
        ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser"]
            .first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/sbin/runuser"
    }
}

/// Keeps the child (and the server `pg_ctl` daemonizes) from inheriting our sockets and
/// pipes, with glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+; looked up at run
/// time because Swift's Glibc module does not import it). Without it the child inherits them.
private func closeDescriptorsFromThree(_ actions: inout posix_spawn_file_actions_t) {
    typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return }
    _ = unsafeBitCast(symbol, to: AddCloseFrom.self)(&actions, 3)
}

/// Calls `body` with a NULL-terminated C array of copies of `strings`.
private func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
    let pointers = strings.map { strdup($0) } + [nil]
    defer { pointers.forEach { free($0) } }
    return body(pointers)
}

/// Runs blocking work (process launches, waits) on a dedicated thread and resumes the caller.
func runOnThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        let thread = Thread { continuation.resume(returning: work()) }
        thread.start()
    }
}
