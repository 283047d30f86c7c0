/// One file of generated code.
public struct GeneratedFile: Sendable, Hashable {
    /// Who owns a file once it is written.
    public enum Ownership: Sendable, Hashable {
        /// Derived from the metadata only: regenerating rewrites it.
        case generated
        /// A starting point the user edits (the handler): written only when it does not exist yet,
        /// unless the caller is told to overwrite.
        case scaffold
    }

    /// Relative to the output directory, with `/` separators.
    public var path: String
    public var contents: String
    public var ownership: Ownership

    public init(path: String, contents: String, ownership: Ownership) {
        self.path = path
        self.contents = contents
        self.ownership = ownership
    }
}
