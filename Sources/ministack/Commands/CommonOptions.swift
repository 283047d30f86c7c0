import ArgumentParser
import Foundation

/// The running server a command talks to: `--endpoint` and `--admin-secret`, each falling back
/// to ministack's environment variable and then Hasura's.
///
/// `validate()` checks the endpoint (flag or environment) before any request is made, and
/// fails with exit code 2.
struct ServerOptions: ParsableArguments {
    static let defaultEndpoint = "http://127.0.0.1:8080"

    @Option(
        help: ArgumentHelp(
            "URL of the running server. (env: MINISTACK_ENDPOINT, HASURA_GRAPHQL_ENDPOINT; default: \(defaultEndpoint))",
            valueName: "url"))
    var endpoint: String?

    @Option(
        help: ArgumentHelp(
            "Admin secret sent as x-hasura-admin-secret. (env: MINISTACK_ADMIN_SECRET, HASURA_GRAPHQL_ADMIN_SECRET)",
            valueName: "secret"))
    var adminSecret: String?

    /// The endpoint from the flag, the environment or the default.
    var resolvedEndpoint: String {
        endpoint ?? Environment.first("MINISTACK_ENDPOINT", "HASURA_GRAPHQL_ENDPOINT") ?? Self.defaultEndpoint
    }

    /// The admin secret from the flag or the environment; `nil` sends none.
    var resolvedAdminSecret: String? {
        adminSecret ?? Environment.first("MINISTACK_ADMIN_SECRET", "HASURA_GRAPHQL_ADMIN_SECRET")
    }

    /// The endpoint as a URL, or `nil` when it is not `http(s)://host…`.
    var endpointURL: URL? {
        guard let url = URL(string: resolvedEndpoint), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty
        else { return nil }
        return url
    }

    func validate() throws {
        guard endpointURL != nil else {
            throw CommandFailure.usage(
                "--endpoint must be an http:// or https:// URL such as \(Self.defaultEndpoint), not '\(resolvedEndpoint)'"
            )
        }
    }

    /// A client for the server's `/v1/metadata`.
    func client() -> MetadataClient {
        MetadataClient(endpoint: endpointURL!, adminSecret: resolvedAdminSecret)
    }
}

/// `--metadata-dir`: the Hasura v3 metadata directory a command reads or writes.
struct MetadataDirectoryOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Hasura metadata directory (v3 layout). (env: MINISTACK_METADATA_DIR; default: ./metadata)",
            valueName: "dir"))
    var metadataDir: String?

    /// The directory from the flag, the environment or the default.
    var directory: MetadataDirectory {
        MetadataDirectory(path: metadataDir ?? Environment.first("MINISTACK_METADATA_DIR") ?? "metadata")
    }

    func validate() throws {
        if let metadataDir, metadataDir.isEmpty { throw CommandFailure.usage("--metadata-dir must not be empty") }
    }
}

/// Reading configuration from the process environment.
enum Environment {
    /// The first of `names` set to a non-empty value.
    static func first(_ names: String...) -> String? {
        let environment = ProcessInfo.processInfo.environment
        return names.lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
    }
}
