import MinistackCore
import PostgresNIO
import _ConnectionPoolModule

/// PostgresNIO errors → `DriverError`, classified by SQLSTATE.
///
/// Messages are the server's own `message` field only: never the SQL text, the bound
/// values, or the `detail` field (which repeats key values, as in
/// `Key (email)=(a@b.c) already exists.`).
extension DriverError {
    /// The pool's circuit breaker gave up (after 60 s of failed connection attempts).
    static let poolCouldNotConnect = "could not open a database connection"

    /// Classifies any error thrown while talking to Postgres.
    init(postgres error: any Error) {
        switch error {
        case let error as DriverError:
            self = error
        case let error as PSQLError:
            self = Self(psql: error)
        case let error as ConnectionPoolError:
            self = Self(pool: error)
        case is CancellationError:
            self = .queryFailed(message: "the database request was cancelled", sqlState: "57014")
        case is PostgresDecodingError:
            self = .queryFailed(message: "a result column could not be read as text", sqlState: nil)
        default:
            self = .queryFailed(message: "database error: \(type(of: error))", sqlState: nil)
        }
    }

    /// Maps a server error by SQLSTATE; the message is the server's `message` field.
    static func fromServer(sqlState: String?, message: String) -> DriverError {
        guard let sqlState else { return .queryFailed(message: message, sqlState: nil) }
        switch sqlState {
        case "23505": return .constraintViolation(.unique, message: message)
        case "23503": return .constraintViolation(.foreignKey, message: message)
        case "23502": return .constraintViolation(.notNull, message: message)
        case "23514": return .constraintViolation(.check, message: message)
        case "3D000", "57P01", "57P02", "57P03": return .connectionFailed(message)
        default: break
        }
        switch sqlState.prefix(2) {
        case "22": return .dataException(message)
        case "08", "28": return .connectionFailed(message)
        default: return .queryFailed(message: message, sqlState: sqlState)
        }
    }

    private init(psql error: PSQLError) {
        switch error.code {
        case .server:
            let message = error.serverInfo?[.message] ?? "database error"
            self = Self.fromServer(sqlState: error.serverInfo?[.sqlState], message: message)
        case .queryCancelled:
            self = .queryFailed(message: "the query was cancelled", sqlState: "57014")
        case .tooManyParameters:
            self = .queryFailed(message: "the statement has more than 65535 parameters", sqlState: nil)
        case .messageDecodingFailure, .unexpectedBackendMessage, .invalidCommandTag:
            self = .queryFailed(message: "unexpected reply from the database (\(error.code))", sqlState: nil)
        case .sslUnsupported:
            self = .connectionFailed("the server does not support TLS, which sslmode requires")
        case .unsupportedAuthMechanism, .authMechanismRequiresPassword, .saslError:
            self = .connectionFailed("authentication failed (\(error.code))")
        case .poolClosed, .clientClosedConnection:
            self = .connectionFailed("the database driver has been shut down")
        default:
            var description = "\(error.code)"
            if let underlying = error.underlying { description += ": \(underlying)" }
            self = .connectionFailed("cannot reach the database: \(description)")
        }
    }

    private init(pool error: ConnectionPoolError) {
        switch error {
        case .poolShutdown: self = .connectionFailed("the database driver has been shut down")
        case .requestCancelled:
            self = .queryFailed(message: "the database request was cancelled", sqlState: "57014")
        default: self = .connectionFailed(Self.poolCouldNotConnect)
        }
    }
}
