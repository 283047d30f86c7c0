import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finding the binaries, `initdb`, `pg_ctl start`, and cleaning up at exit.
extension PostgresCluster {
    static let directoryPrefix = "ministack-pg-"

    static func startBlocking() throws(PostgresClusterError) -> PostgresCluster {
        let binDirectory = try findBinDirectory()
        let clusterUser = try userForCluster()
        removeStaleClusters()

        let directory = try makeDirectory(owner: clusterUser)
        ExitCleanup.shared.register(directory: directory)
        let dataDirectory = directory + "/data"

        try PostgresClusterCommand(
            executable: binDirectory + "/initdb",
            arguments: [
                "-D", dataDirectory, "--auth=trust", "-U", "postgres", "-E", "UTF8", "--locale=C",
                "--no-sync",
            ],
            user: clusterUser
        ).runCheckedBlocking("initdb")

        // Another process may take the port between our probe and the server's bind: retry.
        var lastError = PostgresClusterError("the server did not start")
        for _ in 0..<3 {
            let port = try freeLoopbackPort()
            let options = [
                "-p \(port)", "-k \(directory)", "-c listen_addresses=127.0.0.1", "-c fsync=off",
                "-c full_page_writes=off", "-c synchronous_commit=off", "-c max_connections=1000",
            ].joined(separator: " ")
            let start = PostgresClusterCommand(
                executable: binDirectory + "/pg_ctl",
                arguments: [
                    "-w", "-t", "60", "-D", dataDirectory, "-l", directory + "/server.log", "-o", options, "start",
                ],
                user: clusterUser)
            do throws(PostgresClusterError) {
                try start.runCheckedBlocking("starting the server")
                return PostgresCluster(
                    port: port, directory: directory, binDirectory: binDirectory, clusterUser: clusterUser)
            } catch {
                let log = (try? String(contentsOfFile: directory + "/server.log", encoding: .utf8)) ?? ""
                lastError = PostgresClusterError("\(error.message)\nserver log:\n\(log.suffix(4000))")
            }
        }
        throw lastError
    }

    /// The `bin` directory of the highest PostgreSQL under `/usr/lib/postgresql`, else the one on `PATH`.
    static func findBinDirectory() throws(PostgresClusterError) -> String {
        let fileManager = FileManager.default
        func hasTools(_ directory: String) -> Bool {
            ["initdb", "pg_ctl", "createdb"].allSatisfy { fileManager.isExecutableFile(atPath: directory + "/" + $0) }
        }
        let root = "/usr/lib/postgresql"
        let versions = ((try? fileManager.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap { name in Double(name).map { (version: $0, name: name) } }
            .sorted { $0.version > $1.version }
        for version in versions where hasTools("\(root)/\(version.name)/bin") {
            return "\(root)/\(version.name)/bin"
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for entry in path.split(separator: ":") {
            let candidate = String(entry) + "/initdb"
            guard fileManager.isExecutableFile(atPath: candidate) else { continue }
            // Follow a symlink (Debian's /usr/local/bin/initdb → /usr/lib/postgresql/N/bin/initdb).
            let resolved = URL(fileURLWithPath: candidate).resolvingSymlinksInPath().deletingLastPathComponent().path
            if hasTools(resolved) { return resolved }
            if hasTools(String(entry)) { return String(entry) }
        }
        throw PostgresClusterError(
            "no PostgreSQL server binaries (initdb, pg_ctl, createdb) under \(root)/*/bin or on PATH; "
                + "install the postgresql package")
    }

    /// `postgres` when we are root (initdb refuses root), else `nil` (run as ourselves).
    static func userForCluster() throws(PostgresClusterError) -> String? {
        guard geteuid() == 0 else { return nil }
        guard getpwnam("postgres") != nil else {
            throw PostgresClusterError(
                "running as root, and initdb refuses root, but there is no `postgres` user to run it as")
        }
        guard FileManager.default.isExecutableFile(atPath: PostgresClusterCommand.runuserPath) else {
            throw PostgresClusterError("running as root but `runuser` is missing, so initdb cannot run as `postgres`")
        }
        return "postgres"
    }

    /// A fresh `ministack-pg-<pid>-<random>` directory, mode 0700, owned by `owner` if given.
    static func makeDirectory(owner: String?) throws(PostgresClusterError) -> String {
        // Root's TMPDIR may not be reachable by `postgres`; /tmp always is.
        let base = owner == nil ? NSTemporaryDirectory() : "/tmp/"
        let name = "\(directoryPrefix)\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let directory = URL(fileURLWithPath: base).appendingPathComponent(name).path
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw PostgresClusterError("cannot create \(directory): \(error)")
        }
        if let owner, let entry = getpwnam(owner) {
            guard chown(directory, entry.pointee.pw_uid, entry.pointee.pw_gid) == 0 else {
                throw PostgresClusterError("cannot give \(directory) to \(owner): \(String(cString: strerror(errno)))")
            }
        }
        return directory
    }

    /// A port on 127.0.0.1 that nothing listens on right now (bind port 0, read it back).
    static func freeLoopbackPort() throws(PostgresClusterError) -> Int {
        #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw PostgresClusterError("socket() failed while looking for a free port") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else { throw PostgresClusterError("cannot bind a loopback socket to find a free port") }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { throw PostgresClusterError("getsockname failed while looking for a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Stops and deletes clusters left by test processes that died without running their exit handler.
    static func removeStaleClusters() {
        let fileManager = FileManager.default
        for base in Set([NSTemporaryDirectory(), "/tmp/"].map { URL(fileURLWithPath: $0).path }) {
            let names = (try? fileManager.contentsOfDirectory(atPath: base)) ?? []
            for name in names where name.hasPrefix(directoryPrefix) {
                let pidText = name.dropFirst(directoryPrefix.count).prefix { $0 != "-" }
                guard let pid = pid_t(pidText), pid != getpid() else { continue }
                if kill(pid, 0) == 0 || errno != ESRCH { continue }  // owner still alive
                ExitCleanup.stop(directory: base + "/" + name)
            }
        }
    }
}

/// Stops clusters and deletes their directories when the test process exits.
///
/// The exit handler sends SIGQUIT to the postmaster — exactly what
/// `pg_ctl stop -m immediate` does — rather than launching `pg_ctl`, because starting
/// processes from inside `atexit` is not reliable.
final class ExitCleanup: @unchecked Sendable {
    static let shared = ExitCleanup()

    private let lock = NSLock()
    private var directories: [String] = []
    private var installed = false

    func register(directory: String) {
        lock.lock()
        defer { lock.unlock() }
        directories.append(directory)
        if !installed {
            installed = true
            atexit { ExitCleanup.shared.runAll() }
        }
    }

    func runAll() {
        lock.lock()
        let pending = directories
        directories = []
        lock.unlock()
        for directory in pending { Self.stop(directory: directory) }
    }

    /// Immediate shutdown of the cluster in `directory` (if running), then deletes the directory.
    static func stop(directory: String) {
        let pidFile = directory + "/data/postmaster.pid"
        if let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
            let firstLine = text.split(separator: "\n").first,
            let pid = pid_t(firstLine.trimmingCharacters(in: .whitespaces)), pid > 0
        {
            // A stale pid file may name a pid since reused by an unrelated process.
            let commandLine = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline")
                .map { String(decoding: $0, as: UTF8.self) }
            let isOurServer = commandLine.map { $0.contains(directory) } ?? true
            if isOurServer, kill(pid, SIGQUIT) == 0 {
                // Wait up to 5 s for the postmaster to go away.
                for _ in 0..<100 {
                    if kill(pid, 0) != 0 { break }
                    usleep(50_000)
                }
            }
        }
        try? FileManager.default.removeItem(atPath: directory)
    }
}
