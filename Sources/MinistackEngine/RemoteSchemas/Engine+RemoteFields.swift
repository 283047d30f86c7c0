import AsyncHTTPClient
import MinistackCore

extension Engine {
    /// Sends one remote root field; a remote missing from the snapshot is an error for the field.
    func answer(
        _ field: RemoteFieldIR, variables: [String: JSONValue], context: ActionRequestContext, snapshot: Snapshot
    ) async -> RemoteFieldCall.Answer {
        guard let remote = snapshot.model.remoteSchemas.first(where: { $0.name == field.remote }) else {
            return RemoteFieldCall.Answer(
                value: "null",
                errors: [
                    HasuraError(.remoteSchemaError, "remote schema \(field.remote) is not available")
                        .graphQLErrorJSON(includeInternal: false)
                ])
        }
        return await RemoteFieldCall(
            remote: remote, field: field, variables: variables, clientHeaders: context.clientHeaders
        ).run(client: HTTPClient.shared)
    }

    /// Every remote root field of a query, concurrently, by position in `rootFields`.
    func answerRemotes(
        _ rootFields: [(alias: String, field: CompiledQuery.RootField)], variables: [String: JSONValue],
        context: ActionRequestContext, snapshot: Snapshot
    ) async -> [Int: RemoteFieldCall.Answer] {
        await withTaskGroup(of: (Int, RemoteFieldCall.Answer).self) { group in
            for (index, root) in rootFields.enumerated() {
                guard case .remote(let field) = root.field else { continue }
                group.addTask {
                    (index, await self.answer(field, variables: variables, context: context, snapshot: snapshot))
                }
            }
            var answers: [Int: RemoteFieldCall.Answer] = [:]
            for await (index, answer) in group { answers[index] = answer }
            return answers
        }
    }
}
