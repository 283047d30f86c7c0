import AsyncHTTPClient
import MinistackCore

/// What an action needs from the request beyond its session.
struct ActionRequestContext: Sendable {
    var clientHeaders: [(name: String, value: String)]
    /// The GraphQL document as the client sent it (`request_query` of the payload).
    var query: String
}

extension Engine {
    /// Calls an action's handler and answers the JSON text of the field: the handler's output
    /// checked against the output type, only the selected fields, relationships to tables
    /// filled by one SQL statement per source.
    func answer(_ call: ActionCallIR, session: Session, context: ActionRequestContext, snapshot: Snapshot)
        async throws(HasuraError) -> String
    {
        let output = try await ActionHandlerCall(
            action: call.action, input: call.input, session: session, clientHeaders: context.clientHeaders,
            requestQuery: context.query, environment: environment
        ).run(client: HTTPClient.shared)
        return try await shape(output, of: call.action, selection: call.output, session: session, snapshot: snapshot)
    }

    /// The handler's `output` shaped for the client, relationships filled.
    func shape(
        _ output: JSONValue, of action: ActionMetadata, selection: ActionOutputSelection, session: Session,
        snapshot: Snapshot
    ) async throws(HasuraError) -> String {
        var shaper = ActionResponseShaper(customTypes: snapshot.model.actions.customTypes)
        let shaped: ActionResponseShaper.Shaped
        do {
            shaped = try shaper.shape(output, outputType: action.definition.outputType, selection: selection)
        } catch {
            throw HasuraError(
                .unexpected, "action \"\(action.name)\": \(error.message)",
                internal: .fields([("response", output)]))
        }
        var holeTexts: [String?] = []
        if !shaper.holes.isEmpty {
            let query = QueryIR(rootFields: shaper.holes.enumerated().map { ("h\($0.offset)", $0.element) })
            let compiled = SQLCompiler.compile(query, dialects: snapshot.dialect(forSource:))
            let rows = try await run(compiled, variables: [:], session: session, snapshot: snapshot)
            holeTexts = compiled.rootFields.map { _, field in
                guard case .database(let statement, let column) = field, column < rows[statement].count else {
                    return nil
                }
                return rows[statement][column]
            }
        }
        var text = ""
        shaped.render(holeTexts: holeTexts, into: &text)
        return text
    }

    /// Answers every action root field of a query, concurrently, by position in `rootFields`.
    func answerActions(
        _ rootFields: [(alias: String, field: CompiledQuery.RootField)], session: Session,
        context: ActionRequestContext, snapshot: Snapshot
    ) async throws(HasuraError) -> [Int: String] {
        let calls = rootFields.enumerated().compactMap { index, root -> (Int, ActionCallIR)? in
            if case .action(let call) = root.field { return (index, call) }
            return nil
        }
        guard !calls.isEmpty else { return [:] }
        let outcomes = await withTaskGroup(of: (Int, Result<String, HasuraError>).self) { group in
            for (index, call) in calls {
                group.addTask {
                    do throws(HasuraError) {
                        return (
                            index,
                            .success(
                                try await self.answer(
                                    call, session: session, context: context, snapshot: snapshot))
                        )
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            var outcomes: [Int: Result<String, HasuraError>] = [:]
            for await (index, outcome) in group { outcomes[index] = outcome }
            return outcomes
        }
        var texts: [Int: String] = [:]
        // The first failing field in selection order is the error answered.
        for index in outcomes.keys.sorted() {
            switch outcomes[index]! {
            case .success(let text): texts[index] = text
            case .failure(var error):
                if error.path == "$" { error.path = "$.selectionSet.\(rootFields[index].alias)" }
                throw error
            }
        }
        return texts
    }
}

extension Engine {
    /// A mutation action: synchronous ones answer their output; asynchronous ones are stored
    /// and answer their id at once.
    func answerMutation(_ call: ActionCallIR, session: Session, context: ActionRequestContext, snapshot: Snapshot)
        async throws(HasuraError) -> String
    {
        guard call.action.definition.kind == .asynchronous else {
            return try await answer(call, session: session, context: context, snapshot: snapshot)
        }
        return try await enqueue(call, session: session, context: context, snapshot: snapshot)
    }
}

extension Engine {
    /// The source holding ministack's catalog: `default`, or the first one.
    static func catalogDriver(of snapshot: Snapshot) -> (any DatabaseDriver)? {
        guard
            let source = snapshot.metadata.sources.first(where: { $0.name == "default" })
                ?? snapshot.metadata.sources.first
        else { return nil }
        return snapshot.driver(forSource: source.name)
    }

    /// Stores an asynchronous call and answers its id (a JSON string); the worker runs it.
    func enqueue(_ call: ActionCallIR, session: Session, context: ActionRequestContext, snapshot: Snapshot)
        async throws(HasuraError) -> String
    {
        guard let driver = Self.catalogDriver(of: snapshot) else {
            throw HasuraError(.unexpected, "no database to store the asynchronous action in")
        }
        let headers = call.action.definition.forwardClientHeaders ? context.clientHeaders : []
        do {
            let row = try await driver.fetchRow(
                ActionLogSQL.insert(
                    action: call.action.name, input: call.input, sessionVariables: session.variables,
                    headers: headers, query: context.query, kind: driver.kind))
            actionSignal.wake()
            return JSONValue.quoted(row.first.flatMap { $0 } ?? "")
        } catch {
            throw HasuraError(error)
        }
    }

    /// `<action>(id:)`: the stored call, if it belongs to this session (the admin role sees every call).
    func answer(_ result: AsyncActionResultIR, session: Session, snapshot: Snapshot) async throws(HasuraError)
        -> String
    {
        guard let id = result.id.stringValue, let driver = Self.catalogDriver(of: snapshot) else { return "null" }
        let row: [String?]
        do {
            row = try await driver.fetchRow(ActionLogSQL.result(id: id, kind: driver.kind))
        } catch {
            throw HasuraError(error)
        }
        guard row.count >= 7, row[1] == result.action.name else { return "null" }
        if session.role != Session.adminRole {
            let owner = row[6].flatMap { try? JSONParser.parse($0) }
            guard owner?["x-hasura-role"]?.stringValue == session.role,
                owner?["x-hasura-user-id"]?.stringValue == session.variables["x-hasura-user-id"]
            else { return "null" }
        }
        var fields: [String] = []
        for (alias, field) in result.fields {
            let value: String
            switch field {
            case .typename(let name): value = JSONValue.quoted(name)
            case .id: value = JSONValue.quoted(row[0] ?? "")
            case .createdAt: value = JSONValue.quoted(row[5] ?? "")
            case .errors: value = row[4] ?? "null"
            case .output(let selection):
                if row[2] == "completed", let text = row[3], let output = try? JSONParser.parse(text) {
                    value = try await shape(
                        output, of: result.action, selection: selection, session: session, snapshot: snapshot)
                } else {
                    value = "null"
                }
            }
            fields.append(JSONValue.quoted(alias) + ":" + value)
        }
        return "{" + fields.joined(separator: ",") + "}"
    }
}
