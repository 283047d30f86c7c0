import OrderedCollections

/// A table's permission lists (`select_permissions`, `insert_permissions`, …), kept in `raw` as
/// written: `ModelResolver` interprets them, metadata calls edit them.
extension TableMetadata {
    /// The entries of `<kind>_permissions` (kind: `select`, `insert`, `update` or `delete`).
    public func permissionEntries(_ kind: String) -> [JSONValue] {
        raw["\(kind)_permissions"]?.arrayValue ?? []
    }

    /// Replaces the entries of `<kind>_permissions`; an empty list removes the key.
    public mutating func setPermissionEntries(_ kind: String, _ entries: [JSONValue]) {
        var fields = raw.objectValue ?? [:]
        fields["\(kind)_permissions"] = entries.isEmpty ? nil : .array(entries)
        raw = .object(fields)
    }

    /// Removes the `<kind>` permission of `role`, if there is one.
    public mutating func removePermission(_ kind: String, role: String) {
        setPermissionEntries(kind, permissionEntries(kind).filter { $0["role"] != .string(role) })
    }
}
