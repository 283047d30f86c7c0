/// Why an operation cannot be planned, with the JSON path Hasura reports.
public struct PlanError: Error, Sendable, Hashable {
    public var code: HasuraErrorCode
    public var message: String
    public var path: String

    public init(_ message: String, path: String = "$", code: HasuraErrorCode = .validationFailed) {
        self.code = code
        self.message = message
        self.path = path
    }
}

extension HasuraError {
    public init(_ error: PlanError) {
        self.init(error.code, error.message, path: error.path)
    }
}
