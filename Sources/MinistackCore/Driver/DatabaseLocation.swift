/// Where a source's database is, parsed from a URL as users write it.
///
/// Accepts `postgres://…` / `postgresql://…`, `sqlite:path`, `sqlite://path`, `sqlite:///abs/path`,
/// and a bare path ending in `.db`, `.sqlite` or `.sqlite3`.
public enum DatabaseLocation: Sendable, Hashable, CustomStringConvertible {
    case postgres(url: String)
    case sqlite(path: String)

    public init?(url: String) {
        let text = url.trimmingCharactersInSet()
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else if text.hasPrefix("sqlite://") {
            let path = String(text.dropFirst("sqlite://".count))
            guard !path.isEmpty else { return nil }
            self = .sqlite(path: path)
        } else if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else { return nil }
            self = .sqlite(path: path)
        } else if text.hasSuffix(".db") || text.hasSuffix(".sqlite") || text.hasSuffix(".sqlite3") || text == ":memory:"
        {
            self = .sqlite(path: text)
        } else {
            return nil
        }
    }

    public var kind: DatabaseKind {
        switch self {
        case .postgres: .postgres
        case .sqlite: .sqlite
        }
    }

    /// The location without a password, for logs.
    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite:\(path)"
        case .postgres(let url):
            guard let at = url.lastIndex(of: "@"), let schemeEnd = url.range(of: "://")?.upperBound,
                let colon = url[schemeEnd..<at].firstIndex(of: ":")
            else { return url }
            return String(url[..<colon]) + ":***" + String(url[at...])
        }
    }
}

extension String {
    fileprivate func range(of needle: String) -> Range<String.Index>? {
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(needle) { return index..<self.index(index, offsetBy: needle.count) }
            index = self.index(after: index)
        }
        return nil
    }
}
