import GraphQL
import Logging
public import MinistackCore
import OrderedCollections

extension Engine {
    /// `POST /v1/graphql`: a request object or a batch (array) of them. As on Hasura, every
    /// error here, including a body that is not JSON, answers HTTP 200 with `{"errors": […]}`.
    /// `clientHeaders` are the request's headers, forwarded to action handlers that ask for them.
    public func handleGraphQL(body: [UInt8], session: Session, clientHeaders: [(name: String, value: String)] = [])
        async -> EngineResponse
    {
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes: body)
        } catch {
            let failure = HasuraError(.invalidJSON, "Error in $: \(error.message) at offset \(error.offset)", path: "$")
            return EngineResponse(status: 200, body: HasuraError.graphQLResponseBody([failure], includeInternal: false))
        }
        let snapshot = store.snapshot
        do {
            if case .array(let items) = json {
                var requests: [GraphQLRequest] = []
                for (index, item) in items.enumerated() {
                    requests.append(try GraphQLRequest(json: item, path: "$[\(index)]"))
                }
                var bodies: [String] = []
                for request in requests {
                    bodies.append(
                        await execute(request, session: session, clientHeaders: clientHeaders, snapshot: snapshot))
                }
                return EngineResponse(status: 200, body: "[" + bodies.joined(separator: ",") + "]")
            }
            let request = try GraphQLRequest(json: json, path: "$")
            return EngineResponse(
                status: 200,
                body: await execute(request, session: session, clientHeaders: clientHeaders, snapshot: snapshot))
        } catch {
            return EngineResponse(status: 200, body: HasuraError.graphQLResponseBody([error], includeInternal: false))
        }
    }

    /// Runs one request; the body is `{"data": …}` or `{"errors": […]}`.
    func execute(
        _ request: GraphQLRequest, session: Session, clientHeaders: [(name: String, value: String)] = [],
        snapshot: Snapshot
    ) async -> String {
        let context = ActionRequestContext(clientHeaders: clientHeaders, query: request.query)
        do {
            return try await executeOrThrow(request, session: session, context: context, snapshot: snapshot)
        } catch {
            return HasuraError.graphQLResponseBody([error], includeInternal: session.mayReadInternalErrors)
        }
    }

    private func executeOrThrow(
        _ request: GraphQLRequest, session: Session, context: ActionRequestContext, snapshot: Snapshot
    ) async throws(HasuraError) -> String {
        let roleSchema: RoleSchema
        do {
            roleSchema = try snapshot.schema(for: session)
        } catch {
            logger.error("could not build the schema for role \(session.role): \(error)")
            throw HasuraError(
                .unexpected, "could not build the schema for role \(session.role)", internal: .string("\(error)"))
        }
        let key = OperationCache.Key(
            role: Snapshot.schemaKey(for: session), query: request.query, operationName: request.operationName)
        let prepared = snapshot.operations.operation(for: key) {
            Self.prepare(query: request.query, operationName: request.operationName, schema: roleSchema)
        }
        guard case .ready(_, let operation, let fragments) = prepared.outcome else {
            if case .failed(let errors) = prepared.outcome, let first = errors.first { throw first }
            throw HasuraError(.unexpected, "invalid operation")
        }
        switch operation.operation {
        case .query: break
        case .mutation where !roleSchema.hasMutationRoot: throw HasuraError(.validationFailed, "no mutations exist")
        case .mutation:
            return try await executeMutation(
                request, operation: operation, fragments: fragments, roleSchema: roleSchema, session: session,
                context: context, snapshot: snapshot)
        case .subscription:
            throw HasuraError(
                .validationFailed, "subscriptions are not supported over HTTP; use a WebSocket connection")
        }
        let variables: CoercedVariables
        do {
            variables = try VariableCoercion.coerce(
                definitions: operation.variableDefinitions, provided: request.variables, shapes: roleSchema.inputShapes)
        } catch {
            throw HasuraError(error)
        }
        let compiled: CompiledQuery
        if let cached = prepared.plan(for: variables.fingerprint) {
            compiled = cached
        } else {
            do {
                let plan = try QueryPlanner.plan(
                    operation: operation, fragments: fragments, roleSchema: roleSchema, model: roleSchema.model,
                    variables: variables)
                compiled = SQLCompiler.compile(plan.ir, dialects: snapshot.dialect(forSource:))
                if plan.isCacheable { prepared.store(compiled, for: variables.fingerprint) }
            } catch {
                throw HasuraError(error)
            }
        }
        // Table fields (one statement per source), action fields and remote fields run at the same time.
        let hasHTTPFields = compiled.rootFields.contains { $0.field.isAnsweredOverHTTP }
        let actions: Task<Result<[Int: String], HasuraError>, Never>? =
            hasHTTPFields
            ? Task {
                do throws(HasuraError) {
                    return .success(
                        try await answerActions(
                            compiled.rootFields, session: session, context: context, snapshot: snapshot))
                } catch {
                    return .failure(error)
                }
            } : nil
        let remotes: Task<[Int: RemoteFieldCall.Answer], Never>? =
            hasHTTPFields
            ? Task {
                await answerRemotes(
                    compiled.rootFields, variables: variables.values, context: context, snapshot: snapshot)
            } : nil
        let rows: [[String?]]
        do {
            rows = try await run(compiled, variables: variables.values, session: session, snapshot: snapshot)
        } catch {
            actions?.cancel()
            remotes?.cancel()
            throw error
        }
        let actionTexts = try await actions?.value.get() ?? [:]
        let remoteAnswers = await remotes?.value ?? [:]
        var errors: [JSONValue] = []
        var introspection: [String: String] = [:]
        if compiled.rootFields.contains(where: {
            if case .introspection = $0.field { return true } else { return false }
        }) {
            introspection = try await introspect(
                prepared: prepared, operation: operation, fragments: fragments, variables: variables.values,
                schema: roleSchema.schema)
        }
        var body = "{\"data\":{"
        for (index, (alias, field)) in compiled.rootFields.enumerated() {
            if index > 0 { body += "," }
            JSONValue.writeString(alias, to: &body)
            body += ":"
            switch field {
            case .database(let statement, let column):
                let row = rows[statement]
                body += column < row.count ? (row[column] ?? "null") : "null"
            case .constant(let text):
                JSONValue.writeString(text, to: &body)
            case .introspection:
                body += introspection[alias] ?? "null"
            case .action:
                body += actionTexts[index] ?? "null"
            case .asyncActionResult(let result):
                body += try await answer(result, session: session, snapshot: snapshot)
            case .remote:
                body += remoteAnswers[index]?.value ?? "null"
                errors += remoteAnswers[index]?.errors ?? []
            }
        }
        body += "}"
        // Remote fields that failed leave `null` and an error; the rest of the data stands.
        if !errors.isEmpty { body += ",\"errors\":" + JSONValue.array(errors).serialized }
        body += "}"
        return body
    }

    /// Plans a mutation and runs it in one transaction; any error rolls everything back and
    /// the answer has only `errors`.
    private func executeMutation(
        _ request: GraphQLRequest, operation: OperationDefinition, fragments: [String: FragmentDefinition],
        roleSchema: RoleSchema, session: Session, context: ActionRequestContext, snapshot: Snapshot
    ) async throws(HasuraError) -> String {
        let mutation: MutationIR
        let variables: CoercedVariables
        do {
            variables = try VariableCoercion.coerce(
                definitions: operation.variableDefinitions, provided: request.variables, shapes: roleSchema.inputShapes)
            mutation = try QueryPlanner.planMutation(
                operation: operation, fragments: fragments, roleSchema: roleSchema, model: roleSchema.model,
                variables: variables)
        } catch {
            throw HasuraError(error)
        }
        if mutation.rootFields.contains(where: { $0.field.runsOutsideTransactions }) {
            return try await executeWithActions(
                mutation, variables: variables, session: session, context: context, snapshot: snapshot)
        }
        return try await executeTables(mutation, variables: variables, session: session, snapshot: snapshot)
    }

    /// A mutation with action or remote fields: fields run in document order, each run of table
    /// fields in one transaction of its own, each action or remote field after the fields before it.
    private func executeWithActions(
        _ mutation: MutationIR, variables: CoercedVariables, session: Session, context: ActionRequestContext,
        snapshot: Snapshot
    ) async throws(HasuraError) -> String {
        var entries: [String] = []
        var pending: [(alias: String, field: MutationFieldIR)] = []
        func flush() async throws(HasuraError) {
            guard !pending.isEmpty else { return }
            let body = try await executeTables(
                MutationIR(rootFields: pending), variables: variables, session: session, snapshot: snapshot)
            pending = []
            guard case .object(let fields)? = try? JSONParser.parse(body)["data"] else { return }
            for (key, value) in fields { entries.append(JSONValue.quoted(key) + ":" + value.serialized) }
        }
        var errors: [JSONValue] = []
        for (alias, field) in mutation.rootFields {
            switch field {
            case .action(let call):
                try await flush()
                do {
                    let text = try await answerMutation(call, session: session, context: context, snapshot: snapshot)
                    entries.append(JSONValue.quoted(alias) + ":" + text)
                } catch {
                    var located = error
                    if located.path == "$" { located.path = "$.selectionSet.\(alias)" }
                    throw located
                }
            case .remote(let remote):
                try await flush()
                let answer = await answer(remote, variables: variables.values, context: context, snapshot: snapshot)
                entries.append(JSONValue.quoted(alias) + ":" + answer.value)
                errors += answer.errors
            default:
                pending.append((alias, field))
            }
        }
        try await flush()
        let data = "{\"data\":{" + entries.joined(separator: ",") + "}"
        return data + (errors.isEmpty ? "" : ",\"errors\":" + JSONValue.array(errors).serialized) + "}"
    }

    /// Table mutation fields, in one transaction.
    private func executeTables(
        _ mutation: MutationIR, variables: CoercedVariables, session: Session, snapshot: Snapshot
    ) async throws(HasuraError) -> String {
        let sources = Set(mutation.rootFields.compactMap { $0.field.table?.key.source })
        guard sources.count <= 1 else {
            throw HasuraError(
                .notSupported,
                "a mutation can write to one source at a time; this one writes to \(sources.sorted().joined(separator: ", "))"
            )
        }
        guard let source = sources.first else {
            return "{\"data\":" + MutationExecutor.constantsOnly(mutation) + "}"
        }
        guard let driver = snapshot.driver(forSource: source) else {
            throw HasuraError(.unexpected, "source \"\(source)\" is not connected")
        }
        let statements = MutationStatements(dialect: snapshot.dialect(forSource: source))
        let values = variables.values
        let capture =
            snapshot.sourcesCapturingEvents.contains(source)
            ? EventCaptureSQL.sessionStatements(for: driver.kind, variables: session.variables) : nil
        do {
            let data = try await driver.transaction { transaction in
                if let capture { _ = try await transaction.fetchRows(capture.first) }
                let data = try await MutationExecutor(
                    statements: statements, variables: values, session: session, transaction: transaction
                ).run(mutation)
                if let last = capture?.last { _ = try await transaction.fetchRows(last) }
                return data
            }
            return "{\"data\":" + data + "}"
        } catch let error as HasuraError {
            throw error
        } catch let error as DriverError {
            throw HasuraError(error)
        } catch {
            throw HasuraError(.unexpected, "database query error", internal: .string("\(error)"))
        }
    }

    /// Runs each source's statement (concurrently when there are several) and returns their rows in order.
    func run(_ compiled: CompiledQuery, variables: [String: JSONValue], session: Session, snapshot: Snapshot)
        async throws(HasuraError) -> [[String?]]
    {
        var bound: [(any DatabaseDriver, DatabaseStatement)] = []
        for (source, statement) in compiled.statements {
            guard let driver = snapshot.driver(forSource: source) else {
                throw HasuraError(.unexpected, "source \"\(source)\" is not connected")
            }
            bound.append((driver, try ParameterBinding.bind(statement, variables: variables, session: session)))
        }
        do {
            if bound.count == 1 { return [try await bound[0].0.fetchRow(bound[0].1)] }
            return try await withThrowingTaskGroup(of: (Int, [String?]).self) { group in
                for (index, (driver, statement)) in bound.enumerated() {
                    group.addTask { (index, try await driver.fetchRow(statement)) }
                }
                var rows = [[String?]](repeating: [], count: bound.count)
                for try await (index, row) in group { rows[index] = row }
                return rows
            }
        } catch let error as DriverError {
            logger.debug("database error", metadata: ["error": "\(error)"])
            throw HasuraError(error)
        } catch {
            throw HasuraError(.unexpected, "database query error", internal: .string("\(error)"))
        }
    }

    private func introspect(
        prepared: PreparedOperation, operation: OperationDefinition, fragments: [String: FragmentDefinition],
        variables: [String: JSONValue], schema: GraphQLSchema
    ) async throws(HasuraError) -> [String: String] {
        let cacheKey = JSONValue.fields(variables.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }).serialized
        if let cached = prepared.introspectionResult(for: cacheKey) { return cached }
        let text: String?
        do {
            text = try IntrospectionDocument.make(operation: operation, fragments: fragments, variables: variables)
        } catch {
            throw HasuraError(error)
        }
        guard let text else { return [:] }
        let result = try await IntrospectionExecutor.execute(documentText: text, schema: schema, variables: variables)
        prepared.storeIntrospectionResult(result, for: cacheKey)
        return result
    }

    /// Parses, validates and picks the operation; failures are cached like successes.
    static func prepare(query: String, operationName: String?, schema: RoleSchema) -> PreparedOperation {
        let document: Document
        do {
            document = try parse(source: query)
        } catch {
            return PreparedOperation(.failed([ValidationErrorMapping.syntaxError(error)]))
        }
        let errors = validate(schema: schema.schema, ast: document)
        if let first = errors.first {
            return PreparedOperation(
                .failed([ValidationErrorMapping.validationError(first, document: document, schema: schema.schema)]))
        }
        let operations = document.definitions.compactMap { $0 as? OperationDefinition }
        let operation: OperationDefinition
        if let operationName {
            guard let named = operations.first(where: { $0.name?.value == operationName }) else {
                return PreparedOperation(
                    .failed([
                        HasuraError(
                            .validationFailed,
                            "no such operation found in the document: \(JSONValue.quoted(operationName))")
                    ]))
            }
            operation = named
        } else {
            guard operations.count == 1 else {
                return PreparedOperation(
                    .failed([
                        HasuraError(
                            .validationFailed,
                            "exactly one operation has to be present in the document when operationName is not specified"
                        )
                    ]))
            }
            operation = operations[0]
        }
        var fragments: [String: FragmentDefinition] = [:]
        for case let fragment as FragmentDefinition in document.definitions {
            fragments[fragment.name.value] = fragment
        }
        return PreparedOperation(.ready(document: document, operation: operation, fragments: fragments))
    }
}

extension CompiledQuery.RootField {
    /// Action and remote fields, answered by calling out rather than by the database.
    var isAnsweredOverHTTP: Bool {
        switch self {
        case .action, .remote: true
        default: false
        }
    }
}
