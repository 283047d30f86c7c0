import OrderedCollections

/// `definition.customization` of a remote schema: a namespace for its root fields, and
/// renamed types and fields so they fit next to the rest of the API.
///
/// Type renames apply to every type but GraphQL's built-in scalars; field renames apply to
/// the fields of the named (original) parent type. Names map both ways, so a query can be
/// sent to the remote with its own names.
public struct RemoteSchemaCustomization: Sendable {
    public var rootFieldsNamespace: String?
    var typePrefix = ""
    var typeSuffix = ""
    var typeMapping: [String: String] = [:]
    var fieldRules: [String: (prefix: String, suffix: String, mapping: [String: String])] = [:]

    static let builtInScalars: Set = ["Int", "Float", "String", "Boolean", "ID"]

    public init(json: JSONValue?) {
        guard let json else { return }
        rootFieldsNamespace = json["root_fields_namespace"]?.stringValue
        if let types = json["type_names"] {
            typePrefix = types["prefix"]?.stringValue ?? ""
            typeSuffix = types["suffix"]?.stringValue ?? ""
            typeMapping = Self.mapping(types["mapping"])
        }
        for rule in json["field_names"]?.arrayValue ?? [] {
            guard let parent = rule["parent_type"]?.stringValue else { continue }
            fieldRules[parent] = (
                rule["prefix"]?.stringValue ?? "", rule["suffix"]?.stringValue ?? "", Self.mapping(rule["mapping"])
            )
        }
    }

    static func mapping(_ json: JSONValue?) -> [String: String] {
        guard case .object(let fields)? = json else { return [:] }
        var result: [String: String] = [:]
        for (key, value) in fields { if let text = value.stringValue { result[key] = text } }
        return result
    }

    /// The name a remote type has in the merged schema.
    public func typeName(_ original: String) -> String {
        guard !Self.builtInScalars.contains(original), !original.hasPrefix("__") else { return original }
        return typeMapping[original] ?? typePrefix + original + typeSuffix
    }

    /// The name a field of `parent` (the remote's type name) has in the merged schema.
    public func fieldName(_ original: String, of parent: String) -> String {
        guard !original.hasPrefix("__"), let rule = fieldRules[parent] else { return original }
        return rule.mapping[original] ?? rule.prefix + original + rule.suffix
    }

    /// The type reference with every named type renamed.
    public func typeRef(_ original: TypeRef) -> TypeRef {
        switch original {
        case .named(let name): .named(typeName(name))
        case .list(let inner): .list(typeRef(inner))
        case .nonNull(let inner): .nonNull(typeRef(inner))
        }
    }
}
