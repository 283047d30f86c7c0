/// Event triggers: a stage after the tables and relationships of a source.
extension ModelResolver {
    /// Each trigger on a table that resolved must name only columns the table has, have a name
    /// no other trigger of the source has, and find its webhook and header values in the
    /// environment. Triggers of tables that did not resolve are not checked (the table is reported).
    static func checkEventTriggers(
        of source: SourceMetadata, resolved tables: [ResolvedTable], environment: [String: String],
        inconsistencies: inout [Inconsistency]
    ) {
        var seen: Set<String> = []
        for table in source.tables {
            guard let resolved = tables.first(where: { $0.key.name == table.table }) else { continue }
            for trigger in table.eventTriggers {
                func fail(_ reason: String) {
                    inconsistencies.append(
                        Inconsistency(
                            type: "event_trigger",
                            name: "event_trigger \(trigger.name) in table \(table.table) in source \(source.name)",
                            reason: reason, definition: trigger.raw,
                            subject: .eventTrigger(source: source.name, table: table.table, name: trigger.name)))
                }
                guard seen.insert(trigger.name).inserted else {
                    fail("multiple definitions for event trigger \"\(trigger.name)\" in source \"\(source.name)\"")
                    continue
                }
                if let missing = trigger.columns.first(where: { resolved.column(named: $0) == nil }) {
                    fail("column \"\(missing)\" does not exist in table \(table.table)")
                    continue
                }
                if let problem = environmentProblem(of: trigger, in: environment) { fail(problem) }
            }
        }
    }

    /// Why the trigger's webhook or headers cannot be resolved in `environment`, if they cannot.
    static func environmentProblem(of trigger: EventTriggerMetadata, in environment: [String: String]) -> String? {
        switch trigger.webhook {
        case .url(let template):
            if case .failure(let missing) = template.render(in: environment) { return missing.description }
        case .fromEnvironment(let variable):
            if environment[variable] == nil { return UnsetEnvironmentVariable(name: variable).description }
        }
        for header in trigger.headers {
            if case .failure(let unset) = header.resolve(in: environment) { return unset.description }
        }
        return nil
    }
}
