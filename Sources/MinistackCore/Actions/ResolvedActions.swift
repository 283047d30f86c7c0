/// The actions a model serves: those without inconsistencies, with the custom types they use
/// and the relationships of output objects to tracked tables resolved.
public struct ResolvedActions: Sendable {
    public var actions: [ActionMetadata]
    public var customTypes: CustomTypes
    /// Relationships of each custom object type, by type name.
    public var relationships: [String: [ActionRelationship]]

    public init(
        actions: [ActionMetadata] = [], customTypes: CustomTypes = CustomTypes(),
        relationships: [String: [ActionRelationship]] = [:]
    ) {
        self.actions = actions
        self.customTypes = customTypes
        self.relationships = relationships
    }

    public func action(named name: String) -> ActionMetadata? { actions.first { $0.name == name } }

    public func object(named name: String) -> CustomObjectType? { customTypes.objects.first { $0.name == name } }

    /// The actions one of `roles` may call (admin: every action).
    func view(for role: String, roles: [String]) -> ResolvedActions {
        guard role != Session.adminRole else { return self }
        var viewed = self
        viewed.actions = actions.filter { action in action.permissions.contains { roles.contains($0.role) } }
        return viewed
    }
}

/// A relationship from an action's output object to a tracked table: `field_mapping` pairs
/// fields of the object with columns of the table.
public struct ActionRelationship: Sendable {
    public var name: String
    public var kind: ResolvedRelationship.Kind
    public var target: TableKey
    public var mapping: [(field: String, column: ResolvedColumn)]

    public init(
        name: String, kind: ResolvedRelationship.Kind, target: TableKey,
        mapping: [(field: String, column: ResolvedColumn)]
    ) {
        self.name = name
        self.kind = kind
        self.target = target
        self.mapping = mapping
    }
}
