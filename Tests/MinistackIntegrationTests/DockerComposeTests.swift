import Foundation
import Testing
import Yams

/// No Docker engine runs where the tests run, so these tests read `docker-compose.yml` and the
/// `Dockerfile` and check what they promise: a `postgres` service and a `ministack` service built
/// from the `Dockerfile`, started once Postgres is healthy, pointed at it, serving on 8080 with the
/// repository's metadata folder mounted.
@Suite("docker-compose.yml and the Dockerfile")
struct DockerComposeTests {
    /// The repository root: this file is `Tests/MinistackIntegrationTests/DockerComposeTests.swift`.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    static func text(of relativePath: String) throws -> String {
        try String(contentsOf: repositoryRoot.appendingPathComponent(relativePath), encoding: .utf8)
    }

    static func compose() throws -> Node {
        try #require(try Yams.compose(yaml: text(of: "docker-compose.yml")), "docker-compose.yml is empty")
    }

    static func service(_ name: String) throws -> Node {
        try #require(try compose()["services"]?[name], "docker-compose.yml has no service '\(name)'")
    }

    /// `environment:` as a mapping (`KEY: value`) or a list (`- KEY=value`).
    static func environment(of service: Node) -> [String: String] {
        var result: [String: String] = [:]
        switch service["environment"] {
        case .mapping(let mapping)?:
            for (key, value) in mapping {
                if let key = key.string { result[key] = value.string ?? "" }
            }
        case .sequence(let items)?:
            for item in items {
                guard let entry = item.string else { continue }
                let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                result[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
            }
        default:
            break
        }
        return result
    }

    /// A list field's items as strings (`ports`, `volumes` in their short form).
    static func strings(_ node: Node?) -> [String] {
        node?.array().compactMap(\.string) ?? []
    }

    /// `command:` as a list, or a string split on spaces.
    static func command(of service: Node) -> [String] {
        if let text = service["command"]?.string {
            return text.split(separator: " ").map(String.init)
        }
        return strings(service["command"])
    }

    @Test("defines a postgres service and a ministack service")
    func bothServicesExist() throws {
        let services = try #require(try Self.compose()["services"]?.mapping)
        let names = Set(services.keys.compactMap(\.string))
        #expect(names.isSuperset(of: ["postgres", "ministack"]))
        let image = try #require(try Self.service("postgres")["image"]?.string)
        #expect(image.hasPrefix("postgres:"))
    }

    @Test("builds ministack from the Dockerfile at the repository root")
    func ministackBuildsFromDockerfile() throws {
        let build = try #require(try Self.service("ministack")["build"], "ministack has no build section")
        let context = build.string ?? build["context"]?.string
        let dockerfile = build["dockerfile"]?.string ?? "Dockerfile"
        #expect(context == "." || context == "./")
        #expect(dockerfile == "Dockerfile")
        #expect(FileManager.default.fileExists(atPath: Self.repositoryRoot.appendingPathComponent(dockerfile).path))
    }

    @Test("starts ministack once postgres is healthy")
    func dependsOnHealthyPostgres() throws {
        let ministack = try Self.service("ministack")
        let dependsOn = try #require(ministack["depends_on"], "ministack has no depends_on")
        if let list = dependsOn.sequence {
            #expect(list.compactMap(\.string).contains("postgres"))
        } else {
            let postgres = try #require(dependsOn["postgres"], "ministack does not depend on postgres")
            #expect(postgres["condition"]?.string == "service_healthy")
        }
        let healthcheck = try #require(try Self.service("postgres")["healthcheck"], "postgres has no healthcheck")
        let test = healthcheck["test"]?.string ?? Self.strings(healthcheck["test"]).joined(separator: " ")
        #expect(test.contains("pg_isready"))
    }

    @Test("passes MINISTACK_DATABASE_URL pointing at the postgres service")
    func databaseURLPointsAtPostgres() throws {
        let environment = try Self.environment(of: Self.service("ministack"))
        let text = try #require(environment["MINISTACK_DATABASE_URL"], "MINISTACK_DATABASE_URL is not set")
        let url = try #require(URLComponents(string: text), "not a URL: \(text)")
        #expect(url.scheme == "postgres" || url.scheme == "postgresql")
        #expect(url.host == "postgres")
        #expect(url.port == nil || url.port == 5432)

        let postgres = try Self.environment(of: Self.service("postgres"))
        #expect(url.user == (postgres["POSTGRES_USER"] ?? "postgres"))
        #expect(url.password == postgres["POSTGRES_PASSWORD"])
        #expect(url.path == "/" + (postgres["POSTGRES_DB"] ?? postgres["POSTGRES_USER"] ?? "postgres"))
    }

    @Test("publishes port 8080")
    func mapsPort8080() throws {
        let ports = try Self.service("ministack")["ports"]?.array() ?? []
        let published = ports.contains { port in
            if let short = port.string {
                return short == "8080:8080" || short.hasSuffix(":8080:8080")
            }
            return port["target"]?.int == 8080 && port["published"]?.string == "8080"
        }
        #expect(published, "ministack does not map 8080:8080")
    }

    @Test("mounts ./metadata and serves it with --metadata-dir")
    func mountsMetadata() throws {
        let ministack = try Self.service("ministack")
        let mount = Self.strings(ministack["volumes"]).first { $0.hasPrefix("./metadata:") }
        let target = try #require(
            mount?.split(separator: ":").dropFirst().first.map(String.init), "./metadata is not mounted")
        let command = Self.command(of: ministack)
        let flag = try #require(command.firstIndex(of: "--metadata-dir"), "command has no --metadata-dir")
        #expect(command.indices.contains(flag + 1) && command[flag + 1] == target)
        #expect(command.prefix(2) == ["ministack", "serve"])
    }

    @Test("mounts only host paths that exist in the repository")
    func hostPathsExist() throws {
        let services = try #require(try Self.compose()["services"]?.mapping)
        for (_, service) in services {
            for volume in Self.strings(service["volumes"]) where volume.hasPrefix("./") {
                let hostPath = String(volume.prefix { $0 != ":" })
                let path = Self.repositoryRoot.appendingPathComponent(hostPath).path
                #expect(FileManager.default.fileExists(atPath: path), "\(hostPath) does not exist")
            }
        }
    }

    @Test("the Dockerfile builds in a Swift stage and runs in a slim stage")
    func dockerfileIsMultiStage() throws {
        let lines = try Self.text(of: "Dockerfile")
            .split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let stages = lines.filter { $0.uppercased().hasPrefix("FROM ") }
        #expect(stages.count >= 2)
        let build = try #require(stages.first)
        #expect(build.contains("swift:"))
        #expect(build.lowercased().contains(" as build"))
        let runtime = try #require(stages.last)
        #expect(runtime.contains("-slim"))
        #expect(lines.contains { $0.hasPrefix("COPY --from=build") })
        #expect(lines.contains("EXPOSE 8080"))
        #expect(lines.contains { $0.hasPrefix("CMD") && $0.contains("\"serve\"") })
    }
}
