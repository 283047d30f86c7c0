extension SQL {
    /// `'name'` for a GraphQL name (`[_A-Za-z][_0-9A-Za-z]*`), which needs no escaping.
    /// Response keys and type names are validated GraphQL names, never free text.
    public static func nameLiteral(_ name: String) -> SQL {
        precondition(GraphQLName.isValid(name), "not a GraphQL name: \(name)")
        return unsafeRaw("'" + name + "'")
    }

    /// A small non-negative integer the compiler computed (an index, a count).
    public static func integer(_ value: Int) -> SQL { unsafeRaw(String(value)) }
}

/// The GraphQL `Name` grammar.
public enum GraphQLName {
    public static func isValid(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(0x30...0x39).contains(first) else { return false }
        return name.utf8.allSatisfy { byte in
            byte == 0x5F || (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
        }
    }
}
