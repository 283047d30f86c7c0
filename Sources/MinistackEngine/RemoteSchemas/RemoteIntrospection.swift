import AsyncHTTPClient
import MinistackCore
import NIOCore
import NIOHTTP1

/// Sends the standard introspection query to remote schemas, when a snapshot is built (start,
/// reload, a metadata change) and for `introspect_remote_schema`.
enum RemoteIntrospection {
    /// Every remote of the metadata, concurrently; a remote whose URL or headers cannot be
    /// resolved is left to the resolver, which reports it.
    static func fetchAll(_ remotes: [RemoteSchemaMetadata], environment: [String: String]) async -> [String: Result<
        JSONValue, RemoteIntrospectionFailure
    >] {
        await withTaskGroup(of: (String, Result<JSONValue, RemoteIntrospectionFailure>)?.self) { group in
            for remote in remotes {
                guard case .success(let url) = remote.definition.resolveURL(in: environment),
                    case .success(let headers) = remote.definition.resolveHeaders(in: environment)
                else { continue }
                let timeout = remote.definition.timeoutSeconds
                group.addTask { (remote.name, await fetch(url: url, headers: headers, timeoutSeconds: timeout)) }
            }
            var results: [String: Result<JSONValue, RemoteIntrospectionFailure>] = [:]
            for await case let (name, result)? in group { results[name] = result }
            return results
        }
    }

    /// POSTs the introspection query; answers the remote's JSON or why there is none.
    static func fetch(url: String, headers: [ResolvedHeader], timeoutSeconds: Int) async -> Result<
        JSONValue, RemoteIntrospectionFailure
    > {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        for header in headers { request.headers.replaceOrAdd(name: header.name, value: header.value) }
        request.body = .bytes(
            ByteBuffer(string: JSONValue.fields([("query", .string(IntrospectionQuery.text))]).serialized))
        let text: String
        let status: UInt
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(Int64(timeoutSeconds)))
            status = response.status.code
            text = String(buffer: try await response.body.collect(upTo: 64 * 1024 * 1024))
        } catch {
            return .failure(
                RemoteIntrospectionFailure("HTTP exception occurred while sending the request to \(url): \(error)"))
        }
        guard (200..<300).contains(status) else {
            return .failure(
                RemoteIntrospectionFailure("introspection query to \(url) has responded with \(status) status code"))
        }
        guard let json = try? JSONParser.parse(text) else {
            return .failure(RemoteIntrospectionFailure("the remote schema at \(url) did not answer JSON"))
        }
        return .success(json)
    }
}
