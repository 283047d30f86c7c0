import Foundation
public import MinistackCore
import OrderedCollections

extension Engine {
    /// `POST /v1/metadata`: Hasura's `{"type", "args"}` calls, for admins only.
    ///
    /// Answers the calls that read or reload the metadata: `export_metadata`,
    /// `get_inconsistent_metadata`, `reload_metadata`, and `bulk` of those. The calls that change
    /// metadata come with the metadata lifecycle work; until then they answer `not-supported`.
    public func handleMetadata(body: [UInt8], session: Session) async -> EngineResponse {
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
            let answer = try await metadataCall(request, path: "$")
            return EngineResponse(status: 200, body: answer.serialized)
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
                ("inconsistent_objects", .array(inconsistencies.map(\.json))),
            ])
        case "reload_metadata":
            try await reload()
            let inconsistencies = store.snapshot.model.inconsistencies
            var answer: [(String, JSONValue)] = [
                ("message", .string("success")), ("is_consistent", .bool(inconsistencies.isEmpty)),
            ]
            if !inconsistencies.isEmpty { answer.append(("inconsistent_objects", .array(inconsistencies.map(\.json)))) }
            return .fields(answer)
        case "bulk":
            guard case .array(let calls) = arguments else {
                throw HasuraError(.parseFailed, "expected a list of calls", path: path + ".args")
            }
            var answers: [JSONValue] = []
            for (index, call) in calls.enumerated() {
                answers.append(try await metadataCall(call, path: "\(path).args[\(index)]"))
            }
            return .array(answers)
        default:
            throw HasuraError(.notSupported, "metadata call \"\(type)\" is not supported yet", path: path + ".type")
        }
    }

    /// Builds a fresh snapshot from the metadata directory and the databases and swaps it in;
    /// requests in flight finish on the old one, whose drivers close a little later.
    public func reload() async throws(HasuraError) {
        guard let loader else {
            throw HasuraError(.notSupported, "this server was started without a way to reload its metadata")
        }
        let snapshot: Snapshot
        do {
            snapshot = try await loader()
        } catch {
            throw HasuraError(.invalidConfiguration, "reloading the metadata failed: \(error)")
        }
        let old = store.swap(snapshot)
        let drivers = old.drivers.values
        Task {
            try? await Task.sleep(for: .seconds(30))
            for driver in drivers { await driver.shutdown() }
        }
    }
}
