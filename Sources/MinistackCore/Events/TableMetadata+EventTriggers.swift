import OrderedCollections

/// A table's event triggers, typed, over the `event_triggers` list of the table entry.
///
/// `MetadataReader` checks the list when it reads the table, so the getter never meets a
/// malformed entry; the setter writes the triggers' JSON back (and drops the key when empty).
extension TableMetadata {
    public var eventTriggers: [EventTriggerMetadata] {
        get {
            (raw["event_triggers"]?.arrayValue ?? []).compactMap { json in
                try? EventTriggerMetadata(reading: JSONReader(value: json, file: "metadata", path: "$"))
            }
        }
        set {
            var fields = raw.objectValue ?? [:]
            fields["event_triggers"] = newValue.isEmpty ? nil : .array(newValue.map(\.raw))
            raw = .object(fields)
        }
    }
}
