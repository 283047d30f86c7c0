import MinistackCore
import NIOSSL
import PostgresNIO

/// Turning a URL into PostgresNIO configurations (pooled client and single connection).
extension PostgresURL {
    /// Settings sent in every connection's startup packet, so each session renders
    /// `timestamptz` in UTC (`"2024-01-02T03:04:05.123456+00:00"` in JSON) and dates in ISO form.
    var startupParameters: [(String, String)] {
        [("TimeZone", "UTC"), ("DateStyle", "ISO, MDY"), ("application_name", applicationName ?? "ministack")]
    }

    func clientConfiguration(maximumConnections: Int) -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if let socketDirectory {
            configuration = .init(
                unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: user, password: password,
                database: database)
        } else {
            configuration = .init(
                host: host, port: port, username: user, password: password, database: database,
                tls: clientTLS)
        }
        configuration.options.additionalStartupParameters = startupParameters
        configuration.options.maximumConnections = maximumConnections
        configuration.options.minimumConnections = 0
        if let connectTimeout { configuration.options.connectTimeout = .seconds(connectTimeout) }
        return configuration
    }

    /// A configuration for one direct connection, used to diagnose why the pool cannot connect.
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let socketDirectory {
            configuration = .init(
                unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: user, password: password,
                database: database)
        } else {
            let tls: PostgresConnection.Configuration.TLS
            switch clientTLSConfiguration {
            case nil: tls = .disable
            case .some(let (configuration, required)):
                let context = try NIOSSLContext(configuration: configuration)
                tls = required ? .require(context) : .prefer(context)
            }
            configuration = .init(
                host: host, port: port, username: user, password: password, database: database, tls: tls)
        }
        configuration.options.additionalStartupParameters = startupParameters
        configuration.options.connectTimeout = .seconds(Int64(connectTimeout ?? 5))
        return configuration
    }

    private var clientTLS: PostgresClient.Configuration.TLS {
        switch clientTLSConfiguration {
        case nil: .disable
        case .some(let (configuration, required)): required ? .require(configuration) : .prefer(configuration)
        }
    }

    /// The TLS settings `sslmode` asks for, and whether TLS is mandatory; `nil` for plain connections.
    ///
    /// As in libpq, `require` encrypts without checking the certificate, `verify-ca`
    /// checks the chain, `verify-full` also the host name; `allow` and `prefer` try TLS first.
    private var clientTLSConfiguration: (TLSConfiguration, required: Bool)? {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch sslMode {
        case .disable:
            return nil
        case .allow, .prefer:
            tls.certificateVerification = .none
            return (tls, false)
        case .require:
            tls.certificateVerification = .none
            return (tls, true)
        case .verifyCA:
            tls.certificateVerification = .noHostnameVerification
            return (tls, true)
        case .verifyFull:
            tls.certificateVerification = .fullVerification
            return (tls, true)
        }
    }
}
