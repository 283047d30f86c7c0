/// Remote schemas: their URL and headers must resolve in the environment (the remote itself is
/// not contacted here; that is I/O, done by the engine).
extension ModelResolver {
    static func resolveRemoteSchemas(
        _ remoteSchemas: [RemoteSchemaMetadata], environment: [String: String], inconsistencies: inout [Inconsistency]
    ) -> [ResolvedRemoteSchema] {
        var resolved: [ResolvedRemoteSchema] = []
        var seen: Set<String> = []
        for remote in remoteSchemas {
            func fail(_ reason: String) {
                inconsistencies.append(
                    Inconsistency(
                        type: "remote_schema", name: "remote_schema \(remote.name)", reason: reason,
                        definition: remote.raw, subject: .remoteSchema(remote.name)))
            }
            guard seen.insert(remote.name).inserted else {
                fail("multiple definitions for remote schema \"\(remote.name)\"")
                continue
            }
            let url: String
            switch remote.definition.resolveURL(in: environment) {
            case .success(let value): url = value
            case .failure(let error):
                fail(error.description)
                continue
            }
            var headers: [ResolvedHeader] = []
            var unset: UnsetEnvironmentVariable?
            for header in remote.definition.headers {
                switch header.resolve(in: environment) {
                case .success(let value): headers.append(ResolvedHeader(name: header.name, value: value))
                case .failure(let error): unset = unset ?? error
                }
            }
            if let unset {
                fail(unset.description)
                continue
            }
            resolved.append(
                ResolvedRemoteSchema(
                    name: remote.name, url: url, headers: headers,
                    forwardClientHeaders: remote.definition.forwardClientHeaders,
                    timeoutSeconds: remote.definition.timeoutSeconds, customization: remote.definition.customization))
        }
        return resolved
    }
}
