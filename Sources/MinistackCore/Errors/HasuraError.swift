import OrderedCollections

/// An error as a Hasura client sees it: message, `extensions.code`, `extensions.path`,
/// and `extensions.internal` that only admins may see.
///
/// Stage errors (`PlanError`, `DriverError`, `MetadataError`…) become this type at one
/// boundary (`HasuraError.init(_:)` overloads); the HTTP layer only serialises it.
public struct HasuraError: Error, Sendable, Hashable {
    public var message: String
    public var code: HasuraErrorCode
    /// A JSON path such as `$.selectionSet.author.args.where`.
    public var path: String
    /// Details (database message, SQL state) for admins only.
    public var `internal`: JSONValue?
    /// `extensions` given by someone else (an action handler's error), answered as they are.
    public var givenExtensions: JSONValue?

    public init(_ code: HasuraErrorCode, _ message: String, path: String = "$", internal: JSONValue? = nil) {
        self.message = message
        self.code = code
        self.path = path
        self.internal = `internal`
    }

    /// The GraphQL error object `{"message", "extensions": {"path", "code", "internal"?}}`.
    public func graphQLErrorJSON(includeInternal: Bool) -> JSONValue {
        if let givenExtensions { return .object(["message": .string(message), "extensions": givenExtensions]) }
        var extensions: [(String, JSONValue)] = [("path", .string(path)), ("code", .string(code.rawValue))]
        if includeInternal, let `internal` { extensions.append(("internal", `internal`)) }
        return .object(["message": .string(message), "extensions": .fields(extensions)])
    }

    /// The body `{"errors": [...]}` of a failed GraphQL request.
    public static func graphQLResponseBody(_ errors: [HasuraError], includeInternal: Bool) -> String {
        JSONValue.object(["errors": .array(errors.map { $0.graphQLErrorJSON(includeInternal: includeInternal) })])
            .serialized
    }

    /// The body `{"path", "error", "code"}` of a failed `/v1/metadata` or `/v2/query` call.
    public func metadataErrorJSON(includeInternal: Bool) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("path", .string(path)), ("error", .string(message)), ("code", .string(code.rawValue)),
        ]
        if includeInternal, let `internal` { fields.append(("internal", `internal`)) }
        return .fields(fields)
    }
}

extension HasuraError {
    /// Maps a driver error the way Hasura reports database errors on `/v1/graphql`.
    public init(_ error: DriverError, path: String = "$") {
        switch error {
        case .connectionFailed(let message):
            self.init(.unexpected, "database query error", path: path, internal: .object(["error": .string(message)]))
        case .constraintViolation(let kind, let message):
            let internalDetail = JSONValue.object(["error": .string(message)])
            switch kind {
            case .unique:
                self.init(
                    .constraintViolation, "Uniqueness violation. " + message, path: path, internal: internalDetail)
            case .foreignKey:
                self.init(
                    .constraintViolation, "Foreign key violation. " + message, path: path, internal: internalDetail)
            case .notNull:
                self.init(.constraintViolation, "Not-NULL violation. " + message, path: path, internal: internalDetail)
            case .check:
                self.init(
                    .permissionError, "Check constraint violation. " + message, path: path, internal: internalDetail)
            }
        case .dataException(let message):
            self.init(.dataException, message, path: path, internal: .object(["error": .string(message)]))
        case .queryFailed(let message, let sqlState):
            var detail: [(String, JSONValue)] = [("error", .string(message))]
            if let sqlState { detail.append(("sql_state", .string(sqlState))) }
            self.init(.unexpected, "database query error", path: path, internal: .fields(detail))
        }
    }
}
