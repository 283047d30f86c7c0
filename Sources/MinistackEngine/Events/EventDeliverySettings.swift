/// How the delivery worker paces itself (the `serve` flags of the same names).
public struct EventDeliverySettings: Sendable, Hashable {
    /// Time between polls of the event log when nothing wakes the worker sooner.
    public var fetchInterval: Duration
    /// Events claimed at once (Hasura's `HASURA_GRAPHQL_EVENTS_FETCH_BATCH_SIZE`).
    public var batchSize: Int
    /// Deliveries in flight at once, all triggers together (`HASURA_GRAPHQL_EVENTS_HTTP_POOL_SIZE`).
    public var httpPoolSize: Int
    /// Deliveries of one trigger in flight at once, so one slow webhook cannot hold every slot.
    public var triggerConcurrency: Int

    public init(
        fetchInterval: Duration = .seconds(1), batchSize: Int = 100, httpPoolSize: Int = 100,
        triggerConcurrency: Int? = nil
    ) {
        self.fetchInterval = fetchInterval
        self.batchSize = max(1, batchSize)
        self.httpPoolSize = max(1, httpPoolSize)
        self.triggerConcurrency = max(1, triggerConcurrency ?? httpPoolSize)
    }
}
