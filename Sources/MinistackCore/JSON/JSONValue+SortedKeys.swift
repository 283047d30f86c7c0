import OrderedCollections

extension JSONValue {
    /// The value with every object's keys in ascending order, at every depth.
    ///
    /// Hasura exports nested parts of metadata (an event trigger's `definition` and
    /// `retry_conf`, transforms, headers, customizations) through Aeson objects, whose keys
    /// come out sorted; values created through `/v1/metadata` are stored the same way.
    public var sortedKeys: JSONValue {
        switch self {
        case .array(let items): return .array(items.map(\.sortedKeys))
        case .object(let fields):
            var sorted = OrderedDictionary<String, JSONValue>()
            for key in fields.keys.sorted() { sorted[key] = fields[key]!.sortedKeys }
            return .object(sorted)
        default: return self
        }
    }
}
