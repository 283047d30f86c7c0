/// A root field answered by a remote schema: the request to send, in the remote's names, and
/// how to put its answer back.
public struct RemoteFieldIR: Sendable {
    public var remote: String
    public var operation: RemoteOperation
    /// The document sent: `query ($v: T) { … }` (or `mutation`), fields aliased to the client's keys.
    public var document: String
    /// The variables the document uses (sent with their values).
    public var variableNames: [String]
    /// The client's response key of this root field.
    public var responseKey: String
    /// True for a `root_fields_namespace` field, whose value is the remote's whole `data`;
    /// false for a root field, whose value is `data[responseKey]`.
    public var isNamespace: Bool
    /// Where `__typename` appears in the remote's `data`.
    public var shape: RemoteResponseShape
}
