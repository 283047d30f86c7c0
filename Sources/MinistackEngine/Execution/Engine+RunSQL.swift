public import MinistackCore
import OrderedCollections

extension Engine {
    /// `POST /v2/query`: `run_sql` (and `bulk` of it), for admins only, as the console uses it.
    ///
    /// Rows come back as Hasura answers them: a header row, then every value as text (`"NULL"`
    /// for null). Unless `read_only`, the metadata is reloaded afterwards so tables and columns
    /// the SQL created appear in the schema.
    public func handleQuery(body: [UInt8], session: Session) async -> EngineResponse {
        await adminCall(body: body, session: session) { request async throws(HasuraError) in
            try await queryCall(request, path: "$")
        }
    }

    func queryCall(_ request: JSONValue, path: String) async throws(HasuraError) -> JSONValue {
        guard case .string(let type)? = request["type"] else {
            throw HasuraError(.parseFailed, "key \"type\" not found", path: path)
        }
        let arguments = request["args"] ?? .emptyObject
        switch type {
        case "run_sql", "sqlite_run_sql":
            guard case .string(let sql)? = arguments["sql"] else {
                throw HasuraError(.parseFailed, "key \"sql\" not found", path: path + ".args")
            }
            let sourceName = arguments["source"]?.stringValue ?? "default"
            guard let driver = store.snapshot.driver(forSource: sourceName) else {
                throw HasuraError(
                    .notExists, "source with name \"\(sourceName)\" does not exist", path: path + ".args.source")
            }
            let result: SQLResult
            do {
                result = try await driver.runSQL(sql)
            } catch {
                throw HasuraError(
                    .postgresError, "query execution failed", path: path,
                    internal: .fields([("error", .string(error.message))]))
            }
            if arguments["read_only"] != .bool(true) { try await reload() }
            guard let columns = result.columns else {
                return .fields([("result_type", .string("CommandOk")), ("result", .null)])
            }
            let header = JSONValue.array(columns.map(JSONValue.string))
            let rows = result.rows.map { row in JSONValue.array(row.map { .string($0 ?? "NULL") }) }
            return .fields([("result_type", .string("TuplesOk")), ("result", .array([header] + rows))])
        case "bulk":
            guard case .array(let calls) = arguments else {
                throw HasuraError(.parseFailed, "expected a list of calls", path: path + ".args")
            }
            var answers: [JSONValue] = []
            for (index, call) in calls.enumerated() {
                answers.append(try await queryCall(call, path: "\(path).args[\(index)]"))
            }
            return .array(answers)
        default:
            throw HasuraError(.notSupported, "query type \"\(type)\" is not supported", path: path + ".type")
        }
    }
}
