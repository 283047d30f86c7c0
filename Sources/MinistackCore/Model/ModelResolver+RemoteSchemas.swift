/// Remote schemas: their URL and headers must resolve in the environment (the remote itself is
/// not contacted here; that is I/O, done by the engine).
extension ModelResolver {
    /// `introspections`: what each remote's introspection answered (JSON) or why it failed, by
    /// name; nil when the remotes were not contacted (checking metadata offline), in which case
    /// no remote is served and none is inconsistent for it.
    static func resolveRemoteSchemas(
        _ remoteSchemas: [RemoteSchemaMetadata], environment: [String: String],
        introspections: [String: Result<JSONValue, RemoteIntrospectionFailure>]?, inconsistencies: inout [Inconsistency]
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
            let headers: [ResolvedHeader]
            switch remote.definition.resolveHeaders(in: environment) {
            case .success(let value): headers = value
            case .failure(let unset):
                fail(unset.description)
                continue
            }
            var resolvedRemote = ResolvedRemoteSchema(
                name: remote.name, url: url, headers: headers,
                forwardClientHeaders: remote.definition.forwardClientHeaders,
                timeoutSeconds: remote.definition.timeoutSeconds, customization: remote.definition.customization)
            resolvedRemote.roles = Set(
                (remote.raw["permissions"]?.arrayValue ?? []).compactMap { $0["role"]?.stringValue })
            if let introspections {
                switch introspections[remote.name] {
                case .success(let json)?:
                    do {
                        resolvedRemote.schema = CustomizedRemoteSchema(
                            types: try RemoteTypeSystem(introspection: json),
                            customization: RemoteSchemaCustomization(json: remote.definition.customization))
                    } catch {
                        fail("the remote schema at \(url) cannot be used: \(error.description)")
                        continue
                    }
                case .failure(let failure)?:
                    fail(failure.message)
                    continue
                case nil:
                    fail("the remote schema at \(url) was not introspected")
                    continue
                }
            }
            resolved.append(resolvedRemote)
        }
        return resolved
    }
}

/// Why a remote's introspection query got no usable answer (unreachable, an HTTP error…).
public struct RemoteIntrospectionFailure: Error, Sendable {
    public var message: String

    public init(_ message: String) { self.message = message }
}
