public import MinistackCore

/// A parsed `postgres://` or `postgresql://` connection URL, as libpq and Hasura accept it.
///
/// `postgres://user:p%40ss@db.example.com:5433/app?sslmode=require` gives user `user`,
/// password `p@ss` (user and password are percent-decoded), host `db.example.com`, port
/// 5433 (default 5432), database `app` and TLS required. Without `sslmode` the connection
/// is plain (`disable`): TLS is used only when asked for.
///
/// Also understood in the query: `host` (a directory starting with `/` means a Unix
/// socket), `port`, `user`, `password`, `dbname`, `application_name` and `connect_timeout`
/// (seconds). Any other parameter is rejected rather than silently ignored.
///
/// Parse errors are `DriverError.connectionFailed` and never repeat the URL, which may
/// hold a password; ``description`` masks the password.
public struct PostgresURL: Sendable, Hashable, CustomStringConvertible {
    /// libpq's `sslmode` values.
    public enum SSLMode: String, Sendable, Hashable, CaseIterable {
        case disable
        case allow
        case prefer
        case require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var user: String
    public var password: String?
    /// A host name or IP address (IPv6 without brackets), or a socket directory starting with `/`.
    public var host: String
    public var port: Int
    /// `nil` connects to the database named like the user.
    public var database: String?
    public var sslMode: SSLMode
    public var applicationName: String?
    /// Seconds to wait for a TCP connection; `nil` keeps the client default (10 s).
    public var connectTimeout: Int?

    public init(
        user: String = "postgres", password: String? = nil, host: String = "localhost", port: Int = 5432,
        database: String? = nil, sslMode: SSLMode = .disable, applicationName: String? = nil,
        connectTimeout: Int? = nil
    ) {
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.database = database
        self.sslMode = sslMode
        self.applicationName = applicationName
        self.connectTimeout = connectTimeout
    }

    /// Parses a connection URL.
    ///
    /// - Throws: `DriverError.connectionFailed` naming what is wrong (never the URL itself).
    public init(_ string: String) throws(DriverError) {
        self.init()
        let lowered = string.lowercased()
        guard let scheme = ["postgres://", "postgresql://"].first(where: { lowered.hasPrefix($0) }) else {
            throw Self.invalid("it must start with postgres:// or postgresql://")
        }
        var rest = Substring(string.dropFirst(scheme.count))
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }

        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var authority = rest
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            path = rest[rest.index(after: slash)...]
        }

        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            authority = authority[authority.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                user = try Self.decode(userInfo[..<colon], "user name")
                password = try Self.decode(userInfo[userInfo.index(after: colon)...], "password")
            } else {
                user = try Self.decode(userInfo, "user name")
            }
            if user.isEmpty { user = "postgres" }
        }
        try parseHostAndPort(authority)
        if !path.isEmpty { database = try Self.decode(path, "database name") }
        try parseQuery(query)
    }

    private mutating func parseHostAndPort(_ authority: Substring) throws(DriverError) {
        var hostPart = authority
        var portPart: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw Self.invalid("unterminated [IPv6] host") }
            hostPart = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw Self.invalid("unexpected text after the [IPv6] host") }
                portPart = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            hostPart = authority[..<colon]
            portPart = authority[authority.index(after: colon)...]
        }
        if hostPart.contains(",") { throw Self.invalid("several hosts are not supported") }
        if !hostPart.isEmpty { host = try Self.decode(hostPart, "host") }
        if let portPart, !portPart.isEmpty { port = try Self.port(portPart) }
    }

    private mutating func parseQuery(_ query: Substring) throws(DriverError) {
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let key: String
            let value: String
            if let equals = pair.firstIndex(of: "=") {
                key = try Self.decode(pair[..<equals], "parameter name")
                value = try Self.decode(pair[pair.index(after: equals)...], "parameter value")
            } else {
                key = try Self.decode(pair, "parameter name")
                value = ""
            }
            switch key {
            case "sslmode":
                guard let mode = SSLMode(rawValue: value) else {
                    throw Self.invalid(
                        "sslmode must be one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                sslMode = mode
            case "host": host = value
            case "port": port = try Self.port(Substring(value))
            case "user": user = value
            case "password": password = value
            case "dbname": database = value
            case "application_name": applicationName = value
            case "connect_timeout":
                guard let seconds = Int(value), seconds >= 0 else {
                    throw Self.invalid("connect_timeout must be a whole number of seconds")
                }
                connectTimeout = seconds == 0 ? nil : seconds
            default:
                throw Self.invalid("unsupported parameter \(key)")
            }
        }
    }

    /// The socket directory when ``host`` is a path (`/var/run/postgresql`), else `nil`.
    public var socketDirectory: String? { host.hasPrefix("/") ? host : nil }

    /// The URL with the password masked, safe for logs.
    public var description: String {
        var text = "postgres://\(user)"
        if password != nil { text += ":***" }
        let shownHost = host.contains(":") ? "[\(host)]" : host
        text += "@\(shownHost):\(port)"
        if let database { text += "/\(database)" }
        if sslMode != .disable { text += "?sslmode=\(sslMode.rawValue)" }
        return text
    }

    private static func decode(_ text: Substring, _ what: String) throws(DriverError) -> String {
        guard let decoded = String(text).removingPercentEncodingStrict() else {
            throw invalid("the \(what) has a malformed percent-escape")
        }
        return decoded
    }

    private static func port(_ text: Substring) throws(DriverError) -> Int {
        guard let port = Int(text), (1...65535).contains(port) else {
            throw invalid("the port must be a number from 1 to 65535")
        }
        return port
    }

    private static func invalid(_ reason: String) -> DriverError {
        .connectionFailed("invalid database URL: \(reason)")
    }
}

extension String {
    /// Percent-decoding without Foundation: `nil` for a truncated or non-hex escape or
    /// bytes that are not UTF-8.
    fileprivate func removingPercentEncodingStrict() -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(Self.hexValue), let low = iterator.next().flatMap(Self.hexValue)
            else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
