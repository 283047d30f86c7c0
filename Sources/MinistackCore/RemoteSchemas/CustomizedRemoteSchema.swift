/// A remote schema as the merged API shows it: the remote's types under their customized
/// names, and the way back to the remote's own names for forwarding.
public struct CustomizedRemoteSchema: Sendable {
    public let types: RemoteTypeSystem
    public let customization: RemoteSchemaCustomization
    /// Customized type name → the remote's.
    let originalTypes: [String: String]

    public init(types: RemoteTypeSystem, customization: RemoteSchemaCustomization) {
        self.types = types
        self.customization = customization
        var originals: [String: String] = [:]
        for name in types.order { originals[customization.typeName(name)] = name }
        originalTypes = originals
    }

    /// The remote's name of a type of the merged schema (built-in scalars are shared).
    public func originalTypeName(_ customized: String) -> String { originalTypes[customized] ?? customized }

    /// The remote type behind a merged-schema type name.
    public func type(customized name: String) -> RemoteType? { types.types[originalTypeName(name)] }

    /// The field of remote type `parent` (the remote's name) shown as `customized`.
    public func field(customized: String, of parent: String) -> RemoteField? {
        types.types[parent]?.fields.first { customization.fieldName($0.name, of: parent) == customized }
    }

    /// The type names the remote adds to the merged schema (root types only under a namespace).
    public var customizedTypeNames: [String] {
        types.order.compactMap { name in
            if RemoteSchemaCustomization.builtInScalars.contains(name) { return nil }
            if isRoot(name) && customization.rootFieldsNamespace == nil { return nil }
            return customization.typeName(name)
        }
    }

    public func isRoot(_ original: String) -> Bool { original == types.queryType || original == types.mutationType }

    /// The root fields of `operation` under their merged names: at the root, or inside the namespace.
    public func rootFieldNames(_ operation: RemoteOperation) -> [String] {
        if let namespace = customization.rootFieldsNamespace {
            return types.rootFields(operation).isEmpty ? [] : [namespace]
        }
        let parent = operation == .query ? types.queryType : types.mutationType
        return types.rootFields(operation).map { customization.fieldName($0.name, of: parent ?? "") }
    }
}
