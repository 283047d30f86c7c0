/// The metadata's actions and custom types, typed.
///
/// They are stored in `otherFiles["actions.yaml"]` in the form `export_metadata` answers
/// (`{actions, custom_types}`, empty parts left out), which `MetadataReader` checks when it
/// reads them, so the getters never meet a malformed entry.
extension Metadata {
    static let actionsKey = "actions.yaml"

    public var actions: [ActionMetadata] {
        get {
            (otherFiles[Self.actionsKey]?["actions"]?.arrayValue ?? []).compactMap { json in
                try? ActionMetadata(reading: JSONReader(value: json, file: Self.actionsKey, path: "$"))
            }
        }
        set { storeActions(newValue, customTypes: customTypes) }
    }

    public var customTypes: CustomTypes {
        get {
            let json = otherFiles[Self.actionsKey]?["custom_types"] ?? .null
            return (try? CustomTypes(reading: JSONReader(value: json, file: Self.actionsKey, path: "$")))
                ?? CustomTypes()
        }
        set { storeActions(actions, customTypes: newValue) }
    }

    mutating func storeActions(_ actions: [ActionMetadata], customTypes: CustomTypes) {
        var fields: [(String, JSONValue)] = []
        if !actions.isEmpty { fields.append(("actions", .array(actions.map(\.exportJSON)))) }
        if !customTypes.isEmpty { fields.append(("custom_types", customTypes.exportJSON)) }
        otherFiles[Self.actionsKey] = fields.isEmpty ? nil : .fields(fields)
    }
}
