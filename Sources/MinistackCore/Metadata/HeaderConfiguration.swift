/// A header that ministack adds to a request to a handler, a webhook or a remote schema:
/// `{name, value}` or `{name, value_from_env}`, as Hasura writes them.
public struct HeaderConfiguration: Sendable, Hashable {
    public var name: String
    public var value: ConfigurationValue

    public init(name: String, value: ConfigurationValue) {
        self.name = name
        self.value = value
    }

    /// `{"name", "value"}` or `{"name", "value_from_env"}` (Hasura exports the keys in this order).
    public var json: JSONValue {
        switch value {
        case .literal(let text): .fields([("name", .string(name)), ("value", .string(text))])
        case .fromEnvironment(let variable): .fields([("name", .string(name)), ("value_from_env", .string(variable))])
        }
    }

    /// The header's value, or the environment variable that is not set (Hasura's wording:
    /// `environment variable 'NAME' not set`).
    public func resolve(in environment: [String: String]) -> Result<String, UnsetEnvironmentVariable> {
        switch value {
        case .literal(let text): .success(text)
        case .fromEnvironment(let variable):
            environment[variable].map { .success($0) } ?? .failure(UnsetEnvironmentVariable(name: variable))
        }
    }
}

/// A `*_from_env` setting that names an environment variable the server does not have.
public struct UnsetEnvironmentVariable: Error, Sendable, Hashable, CustomStringConvertible {
    public var name: String

    public init(name: String) { self.name = name }

    public var description: String { "environment variable '\(name)' not set" }
}

extension HeaderConfiguration {
    init(reading reader: JSONReader) throws {
        let name = try reader.field("name").string()
        if let value = reader.optionalField("value") {
            self.init(name: name, value: .literal(try value.string()))
        } else if let variable = reader.optionalField("value_from_env") {
            self.init(name: name, value: .fromEnvironment(try variable.string()))
        } else {
            throw reader.invalid("expected value or value_from_env")
        }
    }

    /// The headers of a `headers` list (absent or null: none).
    static func list(_ reader: JSONReader?) throws -> [HeaderConfiguration] {
        try reader?.array(orNullAsEmpty: true).map { try HeaderConfiguration(reading: $0) } ?? []
    }
}
