/// `cleanup_config` of an event trigger: when and how old delivered or failed events (and
/// optionally their invocation logs) are deleted. Pending events are never deleted.
///
/// ```yaml
/// cleanup_config: {schedule: "0 0 * * *", clear_older_than: 168, batch_size: 10000,
///                  clean_invocation_logs: false, paused: false, timeout: 60}
/// ```
public struct EventCleanupConfiguration: Sendable, Hashable {
    public var schedule: CronSchedule
    /// Events older than this many hours are deleted.
    public var clearOlderThanHours: Int
    /// Rows deleted per statement.
    public var batchSize: Int
    public var cleanInvocationLogs: Bool
    public var paused: Bool
    /// Seconds one batch may take.
    public var timeoutSeconds: Int

    public init(
        schedule: CronSchedule, clearOlderThanHours: Int, batchSize: Int = 10_000, cleanInvocationLogs: Bool = false,
        paused: Bool = false, timeoutSeconds: Int = 60
    ) {
        self.schedule = schedule
        self.clearOlderThanHours = clearOlderThanHours
        self.batchSize = batchSize
        self.cleanInvocationLogs = cleanInvocationLogs
        self.paused = paused
        self.timeoutSeconds = timeoutSeconds
    }
}

extension EventCleanupConfiguration {
    init(reading reader: JSONReader) throws {
        let scheduleText = try reader.field("schedule").string()
        let schedule: CronSchedule
        do {
            schedule = try CronSchedule(scheduleText)
        } catch {
            throw reader.invalid(error.description)
        }
        self.init(
            schedule: schedule, clearOlderThanHours: try reader.field("clear_older_than").int(),
            batchSize: try reader.optionalField("batch_size")?.int() ?? 10_000,
            cleanInvocationLogs: try reader.optionalBool("clean_invocation_logs", default: false),
            paused: try reader.optionalBool("paused", default: false),
            timeoutSeconds: try reader.optionalField("timeout")?.int() ?? 60)
    }
}
