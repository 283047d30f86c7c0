import AsyncHTTPClient
public import Logging
import MinistackCore
import OrderedCollections

/// Runs stored asynchronous action calls: claims new ones (and ones whose worker died, once
/// their lock expires), calls the handler with the stored session, headers and query, and
/// records the output or the error. A call survives restarts: it stays `created` until a
/// worker claims it, and a claimed call is taken again when its lock expires.
public struct AsyncActionWorker: Sendable {
    let engine: Engine
    let logger: Logger
    let pollInterval: Duration

    public init(engine: Engine, logger: Logger, pollInterval: Duration = .seconds(1)) {
        self.engine = engine
        self.logger = logger
        self.pollInterval = pollInterval
    }

    /// Runs calls until the task is cancelled; a stored call wakes it at once.
    public func run() async {
        while !Task.isCancelled {
            let handled = await runDueCalls()
            if handled == 0 { await engine.actionSignal.wait(atMost: pollInterval) }
        }
    }

    /// One round; answers how many calls were run.
    @discardableResult
    public func runDueCalls() async -> Int {
        let snapshot = engine.store.snapshot
        guard snapshot.model.actions.actions.contains(where: { $0.definition.kind == .asynchronous }),
            let driver = Engine.catalogDriver(of: snapshot)
        else { return 0 }
        let rows: [[String?]]
        do {
            let longest = snapshot.model.actions.actions.map(\.definition.timeout).max() ?? 30
            rows = try await driver.transaction { transaction in
                try await transaction.fetchRows(
                    ActionLogSQL.claim(limit: 20, lockSeconds: longest + 10, kind: driver.kind))
            }
        } catch {
            logger.error("asynchronous actions: could not claim calls: \(error)")
            return 0
        }
        await withTaskGroup(of: Void.self) { group in
            for row in rows {
                group.addTask { await self.run(row, snapshot: snapshot, driver: driver) }
            }
        }
        return rows.count
    }

    func run(_ row: [String?], snapshot: Snapshot, driver: any DatabaseDriver) async {
        guard row.count >= 6, let id = row[0], let name = row[1] else { return }
        let input = row[2].flatMap { try? JSONParser.parse($0) } ?? .emptyObject
        var variables: [String: String] = [:]
        if case .object(let fields)? = row[3].flatMap({ try? JSONParser.parse($0) }) {
            for (key, value) in fields { variables[key] = value.stringValue }
        }
        var headers: [(name: String, value: String)] = []
        if case .array(let items)? = row[4].flatMap({ try? JSONParser.parse($0) }) {
            for item in items {
                if let name = item["name"]?.stringValue, let value = item["value"]?.stringValue {
                    headers.append((name, value))
                }
            }
        }
        let session = Session(
            role: variables["x-hasura-role"] ?? Session.adminRole, variables: variables, isAdmin: false)
        var output: JSONValue?
        var failure: JSONValue?
        if let action = snapshot.model.actions.action(named: name) {
            do throws(HasuraError) {
                output = try await ActionHandlerCall(
                    action: action, input: input, session: session, clientHeaders: headers,
                    requestQuery: row[5] ?? "", environment: engine.environment
                ).run(client: HTTPClient.shared)
            } catch {
                failure = error.graphQLErrorJSON(includeInternal: false)
            }
        } else {
            failure = HasuraError(.notExists, "action \"\(name)\" no longer exists").graphQLErrorJSON(
                includeInternal: false)
        }
        let finish = ActionLogSQL.finish(id: id, output: output, error: failure, kind: driver.kind)
        do {
            _ = try await driver.transaction { transaction in try await transaction.fetchRows(finish) }
        } catch {
            logger.error("asynchronous action \(name) (\(id)): could not record the outcome: \(error)")
        }
    }
}
