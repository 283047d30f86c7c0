import Foundation
public import MinistackCore
import OrderedCollections

extension Engine {
    /// `POST /v1/metadata`: Hasura's `{"type", "args"}` calls, for admins only.
    ///
    /// Answers the calls that read, replace and reload metadata; the edits of tables,
    /// relationships, permissions, event triggers, actions, custom types and remote schemas;
    /// `reload_remote_schema`, `introspect_remote_schema` and `invoke_event_trigger` (see
    /// `metadataCall`); others answer `not-supported`.
    public func handleMetadata(body: [UInt8], session: Session) async -> EngineResponse {
        await adminCall(body: body, session: session) { request async throws(HasuraError) in
            try await metadataCall(request, path: "$")
        }
    }

    /// The shared shape of `/v1/metadata` and `/v2/query`: admins only, a JSON body, and
    /// `{"path", "error", "code"}` errors (HTTP 400, or 401 for access).
    func adminCall(
        body: [UInt8], session: Session, _ answer: (JSONValue) async throws(HasuraError) -> JSONValue
    ) async -> EngineResponse {
        guard session.isAdmin, session.role == Session.adminRole else {
            return Self.metadataError(HasuraError(.accessDenied, "restricted access : admin only"))
        }
        let request: JSONValue
        do {
            request = try JSONParser.parse(bytes: body)
        } catch {
            return Self.metadataError(
                HasuraError(.invalidJSON, "Error in $: \(error.message) at offset \(error.offset)"))
        }
        do {
            return EngineResponse(status: 200, body: try await answer(request).serialized)
        } catch {
            return Self.metadataError(error)
        }
    }

    static func metadataError(_ error: HasuraError) -> EngineResponse {
        let status = error.code == .accessDenied ? 401 : 400
        return EngineResponse(status: status, body: error.metadataErrorJSON(includeInternal: true).serialized)
    }

    func metadataCall(_ request: JSONValue, path: String) async throws(HasuraError) -> JSONValue {
        guard case .object(let fields) = request else {
            throw HasuraError(.parseFailed, "expected an object", path: path)
        }
        guard case .string(let type)? = fields["type"] else {
            throw HasuraError(.parseFailed, "key \"type\" not found", path: path)
        }
        let arguments = fields["args"] ?? .emptyObject
        let version = fields["version"]?.intValue ?? 1
        switch type {
        case "export_metadata":
            let metadata = store.snapshot.metadata.exportJSON
            if version >= 2 { return .fields([("resource_version", .number("1")), ("metadata", metadata)]) }
            return metadata
        case "get_inconsistent_metadata":
            let inconsistencies = store.snapshot.model.inconsistencies
            return .fields([
                ("is_consistent", .bool(inconsistencies.isEmpty)),
                ("inconsistent_objects", .array(inconsistencies.map { $0.json })),
            ])
        case "reload_metadata":
            try await reload()
            let inconsistencies = store.snapshot.model.inconsistencies
            var answer: [(String, JSONValue)] = [
                ("message", .string("success")), ("is_consistent", .bool(inconsistencies.isEmpty)),
            ]
            if !inconsistencies.isEmpty {
                answer.append(("inconsistent_objects", .array(inconsistencies.map { $0.json })))
            }
            return .fields(answer)
        case "replace_metadata":
            // `{"metadata": …, "allow_inconsistent_metadata": …}` (v2) or the metadata itself.
            let wrapped = arguments["metadata"] != nil && arguments["sources"] == nil
            let json = wrapped ? arguments["metadata"]! : arguments
            let allowInconsistent = arguments["allow_inconsistent_metadata"] == .bool(true)
            let metadata: Metadata
            do {
                metadata = try MetadataReader.read(exportJSON: json)
            } catch {
                throw HasuraError(.parseFailed, error.description, path: path + ".args")
            }
            let inconsistencies = try await apply(metadata, allowInconsistent: allowInconsistent)
            var answer: [(String, JSONValue)] = [("is_consistent", .bool(inconsistencies.isEmpty))]
            if !inconsistencies.isEmpty {
                answer.append(("inconsistent_objects", .array(inconsistencies.map { $0.json })))
            }
            return wrapped || allowInconsistent ? .fields(answer) : .fields([("message", .string("success"))])
        case "clear_metadata":
            var cleared = store.snapshot.metadata
            cleared.sources = cleared.sources.map { source in
                var empty = source
                empty.tables = []
                return empty
            }
            cleared.otherFiles = [:]
            _ = try await apply(cleared, allowInconsistent: true)
            return .fields([("message", .string("success"))])
        case "drop_inconsistent_metadata":
            // Dropping an object can leave others without what they need (an action whose custom
            // types were dropped), so drop again until nothing more changes.
            for _ in 0..<4 {
                let current = store.snapshot
                let cleaned = MetadataOperations.droppingInconsistencies(
                    current.model.inconsistencies, from: current.metadata)
                guard cleaned != current.metadata else { break }
                _ = try await apply(cleaned, allowInconsistent: true)
            }
            return .fields([("message", .string("success"))])
        case "reload_remote_schema":
            return try await reloadRemoteSchema(arguments)
        case "introspect_remote_schema":
            return try await introspectRemoteSchema(arguments)
        case let type
        where try SourceCatalogCall.parse(type: type, arguments: arguments, in: store.snapshot.metadata) != nil:
            let call = try SourceCatalogCall.parse(type: type, arguments: arguments, in: store.snapshot.metadata)!
            return try await sourceCatalogCall(call)
        case let type
        where try MetadataOperations.eventLogCall(type: type, arguments: arguments, in: store.snapshot.metadata) != nil:
            let call = try MetadataOperations.eventLogCall(
                type: type, arguments: arguments, in: store.snapshot.metadata)!
            return try await eventLogCall(call)
        case let type where MetadataOperations.operation(named: type) != nil:
            let current = store.snapshot
            let changed = try MetadataOperations.apply(
                MetadataOperations.operation(named: type)!, arguments: arguments, to: current.metadata,
                model: current.model)
            try await applyChange(changed, keeping: current.model.inconsistencies)
            return .fields([("message", .string("success"))])
        case "bulk":
            guard case .array(let calls) = arguments else {
                throw HasuraError(.parseFailed, "expected a list of calls", path: path + ".args")
            }
            // Edits are all-or-nothing: applied to one metadata value, then built and swapped once.
            let edits = calls.compactMap { call in
                call["type"]?.stringValue.flatMap(MetadataOperations.operation(named:))
            }
            if !calls.isEmpty && edits.count == calls.count {
                let current = store.snapshot
                var metadata = current.metadata
                for (index, call) in calls.enumerated() {
                    do {
                        metadata = try MetadataOperations.apply(
                            edits[index], arguments: call["args"] ?? .emptyObject, to: metadata, model: current.model)
                    } catch {
                        var located = error
                        located.path = "\(path).args[\(index)]" + error.path.dropFirst()
                        throw located
                    }
                }
                try await applyChange(metadata, keeping: current.model.inconsistencies)
                return .array(calls.map { _ in .fields([("message", .string("success"))]) })
            }
            var answers: [JSONValue] = []
            for (index, call) in calls.enumerated() {
                do {
                    answers.append(try await metadataCall(call, path: "\(path).args[\(index)]"))
                } catch {
                    // A call's own errors are relative to it (`$.args…`); errors about its shape are already placed.
                    let callPath = "\(path).args[\(index)]"
                    var located = error
                    if error.path.hasPrefix("$.args") && !error.path.hasPrefix(callPath) {
                        located.path = callPath + error.path.dropFirst()
                    }
                    throw located
                }
            }
            return .array(answers)
        default:
            throw HasuraError(.notSupported, "metadata call \"\(type)\" is not supported yet", path: path + ".type")
        }
    }

    /// Serves `metadata` from now on (stored in the catalog too), even when parts of it are
    /// inconsistent; answers the inconsistencies. Used by `serve --watch` when the files change.
    public func replaceMetadata(_ metadata: Metadata) async throws(HasuraError) -> [Inconsistency] {
        try await apply(metadata, allowInconsistent: true, announce: false)
    }

    /// Resolves the current metadata against freshly introspected databases and swaps the result
    /// in; requests in flight finish on the old snapshot, whose drivers close a little later.
    public func reload() async throws(HasuraError) {
        let snapshot = try await build(store.snapshot.metadata)
        await install(snapshot)
    }

    /// Builds a snapshot for `metadata`; unless inconsistencies are allowed, refuses one that has
    /// any (nothing changes). Then stores the metadata in the catalog and swaps the snapshot in.
    func apply(_ metadata: Metadata, allowInconsistent: Bool, announce: Bool = true) async throws(HasuraError)
        -> [Inconsistency]
    {
        let snapshot = try await build(metadata)
        let inconsistencies = snapshot.model.inconsistencies
        if !inconsistencies.isEmpty && !allowInconsistent {
            for driver in snapshot.drivers.values { await driver.shutdown() }
            throw HasuraError(
                .unexpected, "cannot continue due to inconsistent metadata",
                internal: .array(inconsistencies.map { $0.json }))
        }
        await SnapshotLoader.persist(snapshot, logger: logger)
        await install(snapshot)
        if announce { await onMetadataChange?(snapshot.metadata) }
        return inconsistencies
    }

    /// Applies a metadata call's result unless it adds an inconsistency (those already there are kept).
    func applyChange(_ metadata: Metadata, keeping existing: [Inconsistency]) async throws(HasuraError) {
        let snapshot = try await build(metadata)
        let known = Set(existing.map(\.description))
        if let added = snapshot.model.inconsistencies.first(where: { !known.contains($0.description) }) {
            for driver in snapshot.drivers.values { await driver.shutdown() }
            let reason = added.reason.replacingOccurrences(of: "Inconsistent object: ", with: "")
            if case .table? = added.subject { throw HasuraError(.notExists, reason, path: "$.args") }
            throw HasuraError(.invalidConfiguration, "in \(added.name): \(reason)", path: "$.args")
        }
        await SnapshotLoader.persist(snapshot, logger: logger)
        await install(snapshot)
        await onMetadataChange?(snapshot.metadata)
    }

    func build(_ metadata: Metadata) async throws(HasuraError) -> Snapshot {
        guard let loader else {
            throw HasuraError(.notSupported, "this server was started without a way to rebuild its metadata")
        }
        do {
            return try await loader(metadata)
        } catch {
            throw HasuraError(.invalidConfiguration, "building the schema from the metadata failed: \(error)")
        }
    }

    /// Brings the databases' event triggers in line with `snapshot`, swaps it in, and closes the
    /// old one's drivers once its requests are done.
    func install(_ snapshot: Snapshot) async {
        await SnapshotLoader.installEventTriggers(of: snapshot, logger: logger)
        let old = store.swap(snapshot)
        let drivers = old.drivers.values
        Task {
            try? await Task.sleep(for: .seconds(30))
            for driver in drivers { await driver.shutdown() }
        }
    }
}
