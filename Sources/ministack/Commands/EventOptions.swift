import ArgumentParser
import MinistackEngine

/// `serve`'s event delivery flags, each with Hasura's environment variable where Hasura has one.
struct EventOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Milliseconds between polls of the event log. (env: MINISTACK_EVENTS_FETCH_INTERVAL, HASURA_GRAPHQL_EVENTS_FETCH_INTERVAL; default: 1000)",
            valueName: "ms"))
    var eventsFetchInterval: Int?

    @Option(
        help: ArgumentHelp(
            "Events claimed from the event log at once. (env: MINISTACK_EVENTS_FETCH_BATCH_SIZE, HASURA_GRAPHQL_EVENTS_FETCH_BATCH_SIZE; default: 100)",
            valueName: "n"))
    var eventsFetchBatchSize: Int?

    @Option(
        help: ArgumentHelp(
            "Event deliveries in flight at once, all triggers together. (env: MINISTACK_EVENTS_HTTP_POOL_SIZE, HASURA_GRAPHQL_EVENTS_HTTP_POOL_SIZE; default: 100)",
            valueName: "n"))
    var eventsHttpPoolSize: Int?

    @Option(
        help: ArgumentHelp(
            "Event deliveries of one trigger in flight at once. (env: MINISTACK_EVENTS_TRIGGER_CONCURRENCY; default: the pool size)",
            valueName: "n"))
    var eventsTriggerConcurrency: Int?

    @Option(
        help: ArgumentHelp(
            "Seconds a shutdown waits for event deliveries under way. (env: MINISTACK_GRACEFUL_SHUTDOWN_TIMEOUT, HASURA_GRAPHQL_GRACEFUL_SHUTDOWN_TIMEOUT; default: 60)",
            valueName: "seconds"))
    var gracefulShutdownTimeout: Int?

    func validate() throws {
        let positive: [(String, Int?)] = [
            ("--events-fetch-interval", eventsFetchInterval), ("--events-fetch-batch-size", eventsFetchBatchSize),
            ("--events-http-pool-size", eventsHttpPoolSize),
            ("--events-trigger-concurrency", eventsTriggerConcurrency),
        ]
        for case (let flag, let value?) in positive where value < 1 {
            throw ValidationError("\(flag) must be at least 1")
        }
        if let gracefulShutdownTimeout, gracefulShutdownTimeout < 0 {
            throw ValidationError("--graceful-shutdown-timeout must not be negative")
        }
    }

    /// The settings, flags first, then the environment, then the defaults.
    func settings(environment: [String: String]) throws -> (EventDeliverySettings, shutdownTimeout: Duration) {
        func number(_ flag: Int?, _ names: String...) throws -> Int? {
            if let flag { return flag }
            guard let (name, text) = names.lazy.compactMap({ name in environment[name].map { (name, $0) } }).first,
                !text.isEmpty
            else { return nil }
            guard let value = Int(text), value >= 1 else { throw ValidationError("\(name) must be a positive number") }
            return value
        }
        let interval =
            try number(eventsFetchInterval, "MINISTACK_EVENTS_FETCH_INTERVAL", "HASURA_GRAPHQL_EVENTS_FETCH_INTERVAL")
            ?? 1000
        let batch =
            try number(
                eventsFetchBatchSize, "MINISTACK_EVENTS_FETCH_BATCH_SIZE", "HASURA_GRAPHQL_EVENTS_FETCH_BATCH_SIZE")
            ?? 100
        let pool =
            try number(eventsHttpPoolSize, "MINISTACK_EVENTS_HTTP_POOL_SIZE", "HASURA_GRAPHQL_EVENTS_HTTP_POOL_SIZE")
            ?? 100
        let perTrigger = try number(eventsTriggerConcurrency, "MINISTACK_EVENTS_TRIGGER_CONCURRENCY")
        let shutdown =
            try number(
                gracefulShutdownTimeout, "MINISTACK_GRACEFUL_SHUTDOWN_TIMEOUT",
                "HASURA_GRAPHQL_GRACEFUL_SHUTDOWN_TIMEOUT")
            ?? 60
        return (
            EventDeliverySettings(
                fetchInterval: .milliseconds(interval), batchSize: batch, httpPoolSize: pool,
                triggerConcurrency: perTrigger),
            .seconds(shutdown)
        )
    }
}
