import MinistackCore

/// What applying metadata changes on a server, as short lines for `metadata apply`: per source,
/// the tables added, removed and changed; sources added or removed; other parts changed.
struct MetadataChanges {
    private(set) var lines: [String] = []

    init(before: Metadata, after: Metadata) {
        let beforeJSON = before.exportJSON
        let afterJSON = after.exportJSON
        let beforeSources = Self.tablesBySource(before, json: beforeJSON)
        let afterSources = Self.tablesBySource(after, json: afterJSON)
        for source in before.sources where !after.sources.contains(where: { $0.name == source.name }) {
            lines.append("source \(source.name) removed (\(Self.count(source.tables.count, "table")))")
        }
        for (index, source) in after.sources.enumerated() {
            guard let old = before.sources.firstIndex(where: { $0.name == source.name }) else {
                lines.append("source \(source.name) added (\(Self.count(source.tables.count, "table")))")
                continue
            }
            let oldTables = beforeSources[old]
            let newTables = afterSources[index]
            var parts: [String] = []
            let added = newTables.filter { table in !oldTables.contains { $0.name == table.name } }.map(\.name)
            let removed = oldTables.filter { table in !newTables.contains { $0.name == table.name } }.map(\.name)
            let changed = newTables.filter { table in
                oldTables.contains { $0.name == table.name && $0.json != table.json }
            }.map(\.name)
            if !added.isEmpty {
                parts.append("\(Self.count(added.count, "table")) added (\(added.joined(separator: ", ")))")
            }
            if !removed.isEmpty {
                parts.append("\(Self.count(removed.count, "table")) removed (\(removed.joined(separator: ", ")))")
            }
            if !changed.isEmpty {
                parts.append("\(Self.count(changed.count, "table")) changed (\(changed.joined(separator: ", ")))")
            }
            if before.sources[old].configuration != source.configuration || before.sources[old].kind != source.kind {
                parts.append("configuration changed")
            }
            if !parts.isEmpty { lines.append("\(source.name): " + parts.joined(separator: "; ")) }
        }
        var seen: Set<String> = ["version", "sources"]
        for key in Self.keys(of: beforeJSON) + Self.keys(of: afterJSON)
        where seen.insert(key).inserted && beforeJSON[key] != afterJSON[key] {
            lines.append("\(key) changed")
        }
    }

    /// Each source's tables: a display name (`schema.name` outside the default schema) and the
    /// exported JSON, in order.
    private static func tablesBySource(_ metadata: Metadata, json: JSONValue) -> [[(name: String, json: JSONValue)]] {
        let sources = json["sources"]?.arrayValue ?? []
        return metadata.sources.enumerated().map { index, source in
            let tables = index < sources.count ? sources[index]["tables"]?.arrayValue ?? [] : []
            return source.tables.enumerated().map { position, table in
                let name =
                    table.table.schema == source.defaultSchema
                    ? table.table.name : "\(table.table.schema).\(table.table.name)"
                return (name, position < tables.count ? tables[position] : .null)
            }
        }
    }

    private static func keys(of json: JSONValue) -> [String] {
        guard case .object(let fields) = json else { return [] }
        return fields.map(\.key)
    }

    private static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
}
