import AsyncHTTPClient
import Foundation
import MinistackCore
import NIOCore
import NIOHTTP1

extension Engine {
    /// `reload_remote_schema`: the remote schema must exist. ministack keeps no copy of a
    /// remote's schema yet (the remote-schema runtime is a later issue), so there is nothing
    /// else to refresh.
    func reloadRemoteSchema(_ arguments: JSONValue) throws(HasuraError) -> JSONValue {
        let name = try Self.remoteSchemaName(arguments)
        guard store.snapshot.metadata.remoteSchemas.contains(where: { $0.name == name }) else {
            throw HasuraError(.notExists, "remote schema with name \"\(name)\" does not exist", path: "$.args")
        }
        return .fields([("message", .string("success"))])
    }

    /// `introspect_remote_schema`: POSTs the standard introspection query to the remote (with
    /// its headers and timeout) and answers what the remote answered.
    func introspectRemoteSchema(_ arguments: JSONValue) async throws(HasuraError) -> JSONValue {
        let name = try Self.remoteSchemaName(arguments)
        guard let remote = store.snapshot.model.remoteSchemas.first(where: { $0.name == name }) else {
            throw HasuraError(.notExists, "remote schema: \"\(name)\" not found", path: "$.args")
        }
        var request = HTTPClientRequest(url: remote.url)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        for header in remote.headers { request.headers.replaceOrAdd(name: header.name, value: header.value) }
        request.body = .bytes(
            ByteBuffer(string: JSONValue.fields([("query", .string(IntrospectionQuery.text))]).serialized))
        let text: String
        let status: UInt
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(Int64(remote.timeoutSeconds)))
            status = response.status.code
            text = String(buffer: try await response.body.collect(upTo: 64 * 1024 * 1024))
        } catch {
            throw HasuraError(
                .remoteSchemaError, "HTTP exception occurred while sending the request to \(remote.url)",
                path: "$.args", internal: .fields([("error", .string("\(error)"))]))
        }
        guard (200..<300).contains(status) else {
            throw HasuraError(
                .remoteSchemaError,
                "introspection query to \(remote.url) has responded with \(status) status code", path: "$.args",
                internal: .fields([("response", .string(text))]))
        }
        do {
            return try JSONParser.parse(text)
        } catch {
            throw HasuraError(
                .remoteSchemaError, "the remote schema at \(remote.url) did not answer JSON", path: "$.args",
                internal: .fields([("response", .string(text))]))
        }
    }

    private static func remoteSchemaName(_ arguments: JSONValue) throws(HasuraError) -> String {
        guard let name = arguments["name"]?.stringValue else {
            throw HasuraError(.parseFailed, "key \"name\" not found", path: "$.args")
        }
        return name
    }
}
