/// A piece of metadata that could not be served, as `get_inconsistent_metadata` reports it.
public struct Inconsistency: Sendable, Hashable, CustomStringConvertible {
    /// Hasura's object type: `table`, `object_relation`, `array_relation`, `source`,
    /// `event_trigger`, `action`, `custom_types`, `remote_schema`.
    public var type: String
    /// A readable name such as `table default.public.author` or `relationship articles in table author`.
    public var name: String
    public var reason: String
    /// The metadata object that failed, as written.
    public var definition: JSONValue
    /// What `drop_inconsistent_metadata` removes to resolve it.
    public var subject: Subject?

    /// The piece of metadata an inconsistency is about.
    public enum Subject: Sendable, Hashable {
        case source(String)
        case table(source: String, QualifiedTableName)
        case relationship(source: String, table: QualifiedTableName, name: String)
        /// `kind`: `select`, `insert`, `update` or `delete`.
        case permission(source: String, table: QualifiedTableName, role: String, kind: String)
        case eventTrigger(source: String, table: QualifiedTableName, name: String)
        case action(String)
        /// All of `custom_types` (Hasura drops them as one object).
        case customTypes
        case remoteSchema(String)
    }

    public init(type: String, name: String, reason: String, definition: JSONValue, subject: Subject? = nil) {
        self.type = type
        self.name = name
        self.reason = reason
        self.definition = definition
        self.subject = subject
    }

    public var description: String { "\(type) \(name): \(reason)" }

    /// `{"definition", "name", "reason", "type"}` as Hasura returns it.
    public var json: JSONValue {
        .fields([
            ("definition", definition), ("name", .string(name)), ("reason", .string(reason)), ("type", .string(type)),
        ])
    }
}
