import AsyncHTTPClient
import Foundation
import MinistackCore
import NIOCore
import NIOHTTP1

extension Engine {
    /// `reload_remote_schema`: introspects the remotes again (by rebuilding the snapshot, which
    /// also picks up a remote that was unreachable before).
    func reloadRemoteSchema(_ arguments: JSONValue) async throws(HasuraError) -> JSONValue {
        let name = try Self.remoteSchemaName(arguments)
        guard store.snapshot.metadata.remoteSchemas.contains(where: { $0.name == name }) else {
            throw HasuraError(.notExists, "remote schema with name \"\(name)\" does not exist", path: "$.args")
        }
        try await reload()
        return .fields([("message", .string("success"))])
    }

    /// `introspect_remote_schema`: POSTs the standard introspection query to the remote (with
    /// its headers and timeout) and answers what the remote answered.
    func introspectRemoteSchema(_ arguments: JSONValue) async throws(HasuraError) -> JSONValue {
        let name = try Self.remoteSchemaName(arguments)
        guard let remote = store.snapshot.model.remoteSchemas.first(where: { $0.name == name }) else {
            throw HasuraError(.notExists, "remote schema: \"\(name)\" not found", path: "$.args")
        }
        switch await RemoteIntrospection.fetch(
            url: remote.url, headers: remote.headers, timeoutSeconds: remote.timeoutSeconds)
        {
        case .success(let json): return json
        case .failure(let failure): throw HasuraError(.remoteSchemaError, failure.message, path: "$.args")
        }
    }

    private static func remoteSchemaName(_ arguments: JSONValue) throws(HasuraError) -> String {
        guard let name = arguments["name"]?.stringValue else {
            throw HasuraError(.parseFailed, "key \"name\" not found", path: "$.args")
        }
        return name
    }
}
