import Foundation
import MinistackCore
import Testing

/// The cron schedules of `cleanup_config`.
@Suite("Cron schedules")
struct CronScheduleTests {
    @Test("fields: any, numbers, ranges, steps and lists")
    func matching() throws {
        let nightly = try CronSchedule("0 0 * * *")
        #expect(nightly.matches(minute: 0, hour: 0, day: 5, month: 3, weekday: 2))
        #expect(!nightly.matches(minute: 1, hour: 0, day: 5, month: 3, weekday: 2))
        #expect(!nightly.matches(minute: 0, hour: 12, day: 5, month: 3, weekday: 2))

        let quarterHours = try CronSchedule("*/15 9-17 * * 1-5")
        #expect(quarterHours.matches(minute: 45, hour: 9, day: 1, month: 1, weekday: 1))
        #expect(!quarterHours.matches(minute: 50, hour: 9, day: 1, month: 1, weekday: 1))
        #expect(!quarterHours.matches(minute: 0, hour: 18, day: 1, month: 1, weekday: 1))
        #expect(!quarterHours.matches(minute: 0, hour: 10, day: 1, month: 1, weekday: 0), "Sunday")

        let listed = try CronSchedule("5,35 */6 1 1,7 *")
        #expect(listed.matches(minute: 35, hour: 18, day: 1, month: 7, weekday: 3))
        #expect(!listed.matches(minute: 35, hour: 19, day: 1, month: 7, weekday: 3))
        #expect(!listed.matches(minute: 5, hour: 0, day: 2, month: 1, weekday: 3))

        let sunday = try CronSchedule("0 3 * * 7")
        #expect(sunday.matches(minute: 0, hour: 3, day: 9, month: 6, weekday: 0), "7 is Sunday too")
    }

    @Test("with both day fields restricted, either one matching is enough (as in cron)")
    func dayOrWeekday() throws {
        let schedule = try CronSchedule("0 0 13 * 5")
        #expect(schedule.matches(minute: 0, hour: 0, day: 13, month: 2, weekday: 2))
        #expect(schedule.matches(minute: 0, hour: 0, day: 20, month: 2, weekday: 5))
        #expect(!schedule.matches(minute: 0, hour: 0, day: 20, month: 2, weekday: 4))
    }

    @Test(
        "malformed expressions are refused with a reason",
        arguments: ["* * * *", "61 * * * *", "*/0 * * * *", "a b c d e", "5-1 * * * *"])
    func invalid(_ expression: String) {
        #expect(throws: CronSchedule.Invalid.self) { try CronSchedule(expression) }
    }

    @Test("a trigger's cleanup_config is read, and a bad schedule is a metadata error")
    func cleanupConfiguration() throws {
        let tables = #"""
            [{"table": {"name": "tag", "schema": "public"},
              "event_triggers": [{"name": "t", "definition": {"enable_manual": true}, "webhook": "http://h",
                "retry_conf": {"num_retries": 0, "interval_sec": 10},
                "cleanup_config": {"schedule": "0 0 * * *", "clear_older_than": 24, "clean_invocation_logs": true}}]}]
            """#
        let metadata = try MetadataReader.read(
            exportJSON: try JSONParser.parse(
                #"{"version": 3, "sources": [{"name": "default", "kind": "postgres", "tables": \#(tables), "configuration": {}}]}"#
            ))
        let cleanup = try #require(metadata.sources.first?.tables.first?.eventTriggers.first?.cleanup)
        #expect(cleanup.clearOlderThanHours == 24 && cleanup.cleanInvocationLogs && !cleanup.paused)
        #expect(cleanup.batchSize == 10_000 && cleanup.timeoutSeconds == 60)
        #expect(cleanup.schedule.description == "0 0 * * *")
        let broken = tables.replacingOccurrences(of: "0 0 * * *", with: "every night")
        #expect(throws: (any Error).self) {
            try MetadataReader.read(
                exportJSON: try JSONParser.parse(
                    #"{"version": 3, "sources": [{"name": "default", "kind": "postgres", "tables": \#(broken), "configuration": {}}]}"#
                ))
        }
    }
}
