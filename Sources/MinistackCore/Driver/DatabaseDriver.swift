/// The edge between the pure core and a database.
///
/// A driver introspects the catalog and runs statements the core compiled. It never
/// interprets GraphQL: statements arrive rendered for its dialect with their bound
/// values, and the JSON the database builds comes back as text, unchanged.
///
/// Implementations are `Sendable` and safe to call from many requests at once; they
/// own their connection pool and release it in `shutdown()`.
public protocol DatabaseDriver: Sendable {
    var kind: DatabaseKind { get }

    /// Reads tables, columns, keys and constraints of every user schema.
    func introspect() async throws(DriverError) -> Catalog

    /// Runs a statement that returns exactly one row and gives each column's text
    /// (JSON built by the database), `nil` for SQL NULL.
    func fetchRow(_ statement: DatabaseStatement) async throws(DriverError) -> [String?]

    /// Runs several `;`-separated statements with no parameters (seeds, migrations).
    func executeScript(_ sql: String) async throws(DriverError)

    /// Answers when the database is reachable (`/healthz`).
    func ping() async throws(DriverError)

    /// Runs SQL a user wrote (`run_sql`): every statement in one transaction, answering the
    /// last statement's column names and rows as text, or nil columns when it returns none.
    func runSQL(_ sql: String) async throws(DriverError) -> SQLResult

    /// Runs `body` in one transaction on one connection: committed when `body` returns,
    /// rolled back when it throws (the error is rethrown as it was).
    func transaction<Result: Sendable>(_ body: @Sendable (any DatabaseTransaction) async throws -> Result) async throws
        -> Result

    /// Calls `notified` for each notification on `channel` until the task is cancelled (Postgres
    /// `LISTEN`, on a connection of its own). Databases without notifications return at once.
    func listen(channel: String, notified: @escaping @Sendable () -> Void) async throws

    /// Closes connections; the driver must not be used afterwards.
    func shutdown() async
}

extension DatabaseDriver {
    public func listen(channel: String, notified: @escaping @Sendable () -> Void) async throws {}
}

/// The answer of `runSQL`: the last statement's columns (nil when it returns no rows) and rows.
public struct SQLResult: Sendable, Hashable {
    public var columns: [String]?
    public var rows: [[String?]]

    public init(columns: [String]?, rows: [[String?]]) {
        self.columns = columns
        self.rows = rows
    }
}

/// Statements inside a transaction, run in order on the transaction's connection.
public protocol DatabaseTransaction: Sendable {
    /// Every row of a statement, each column as text (`nil` for NULL).
    func fetchRows(_ statement: DatabaseStatement) async throws(DriverError) -> [[String?]]
}

extension DatabaseTransaction {
    /// The first row, or an empty array when there is none.
    public func fetchRow(_ statement: DatabaseStatement) async throws(DriverError) -> [String?] {
        try await fetchRows(statement).first ?? []
    }
}

/// SQL text in a driver's dialect plus the values bound to its placeholders, in order.
public struct DatabaseStatement: Sendable, Hashable {
    public var sql: String
    public var bindings: [BoundValue]

    public init(sql: String, bindings: [BoundValue] = []) {
        self.sql = sql
        self.bindings = bindings
    }
}

/// One bound parameter: the JSON value from the request and the scalar it is compared
/// with, so each driver can choose its native encoding (Postgres: text cast in SQL;
/// SQLite: integer, real or text).
public struct BoundValue: Sendable, Hashable {
    public var value: JSONValue
    public var scalar: ScalarType

    public init(_ value: JSONValue, as scalar: ScalarType) {
        self.value = value
        self.scalar = scalar
    }

    /// The value as text for a database that casts text parameters (`nil` for null).
    /// Strings are used as they are, numbers keep their digits, objects and arrays become JSON.
    public var text: String? {
        switch value {
        case .null: nil
        case .bool(let flag): flag ? "true" : "false"
        case .number(let digits): digits
        case .string(let string): string
        case .array, .object: value.serialized
        }
    }
}

/// What can go wrong in a driver, classified the way Hasura reports it.
public enum DriverError: Error, Sendable, Equatable {
    /// The database could not be reached or the URL is unusable.
    case connectionFailed(String)
    /// A constraint rejected a write; `message` is the database's own text.
    case constraintViolation(ConstraintViolationKind, message: String)
    /// A value the database could not accept (bad cast, out of range, invalid text).
    case dataException(String)
    /// Any other database error; `message` is the database's own text (shown to admins only).
    case queryFailed(message: String, sqlState: String?)
}

extension DriverError {
    /// The database's (or the connection's) own message.
    public var message: String {
        switch self {
        case .connectionFailed(let message), .dataException(let message): message
        case .constraintViolation(_, let message), .queryFailed(let message, _): message
        }
    }
}

/// Which constraint a write broke.
public enum ConstraintViolationKind: String, Sendable, Equatable {
    case unique, foreignKey, notNull, check
}
