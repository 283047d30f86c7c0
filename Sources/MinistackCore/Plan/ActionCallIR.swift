/// A call of an action's handler, as the planner prepared it: the arguments to send and the
/// shape of the output to return.
public struct ActionCallIR: Sendable {
    public var action: ActionMetadata
    /// `input` of the handler's payload: the arguments given, by name, variables substituted.
    public var input: JSONValue
    /// What the client selected of the output.
    public var output: ActionOutputSelection
}

/// The selection of an action's output (or part of it), checked against the output type.
public indirect enum ActionOutputSelection: Sendable {
    /// A scalar or enum (any JSON value of the right shape is returned as is).
    case leaf(typeName: String)
    /// A custom object type and the fields selected of it.
    case object(typeName: String, fields: [(alias: String, field: ActionOutputField)])
}

/// One selected field of a custom object.
public enum ActionOutputField: Sendable {
    case typename(String)
    /// A field of the handler's JSON: its name there, its GraphQL type (`[Book!]!`), and its selection.
    case value(name: String, type: TypeRef, selection: ActionOutputSelection)
    /// A relationship to a table: `selection` is the rows' selection, to which the executor adds
    /// the field mapping's equalities for each object the handler returned.
    case relationship(ActionRelationship, SelectionIR)
}

/// `<action>(id:)` of an asynchronous action: which stored call, and the fields selected of
/// `{id, created_at, output, errors}`.
public struct AsyncActionResultIR: Sendable {
    public var action: ActionMetadata
    public var id: JSONValue
    public var fields: [(alias: String, field: AsyncActionResultField)]
}

public enum AsyncActionResultField: Sendable {
    case typename(String)
    case id, createdAt, errors
    case output(ActionOutputSelection)
}
