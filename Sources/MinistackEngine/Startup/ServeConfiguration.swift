/// What `ministack serve` was asked to serve, after flags and environment are merged.
public struct ServeConfiguration: Sendable {
    /// Replaces the `default` source's database (and kind), or creates it when metadata has none.
    public var databaseURL: String?
    /// The Hasura metadata directory; a missing or empty one means "no metadata".
    public var metadataDirectory: String
    /// Track every table with inferred relationships when a source lists no tables.
    public var trackAll: Bool
    /// Where `<source>/*.sql` seed files live; applied when ministack creates a SQLite file.
    public var seedsDirectory: String
    /// For `{from_env: …}` values in metadata.
    public var environment: [String: String]

    /// The embedded database used when nothing else is configured.
    public static let embeddedDatabaseURL = "sqlite:ministack.sqlite"

    public init(
        databaseURL: String? = nil, metadataDirectory: String = "metadata", trackAll: Bool = false,
        seedsDirectory: String? = nil, environment: [String: String] = [:]
    ) {
        self.databaseURL = databaseURL
        self.metadataDirectory = metadataDirectory
        self.trackAll = trackAll
        self.seedsDirectory = seedsDirectory ?? ServeConfiguration.siblingSeeds(of: metadataDirectory)
        self.environment = environment
    }

    /// `seeds/` next to the metadata directory (`./metadata` → `./seeds`).
    static func siblingSeeds(of metadataDirectory: String) -> String {
        var parts = metadataDirectory.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        while parts.count > 1, parts.last == "" { parts.removeLast() }
        parts.removeLast()
        let parent = parts.joined(separator: "/")
        if parent.isEmpty { return metadataDirectory.hasPrefix("/") ? "/seeds" : "seeds" }
        return parent + "/seeds"
    }
}

/// Why the server cannot start at all (as opposed to inconsistencies, which it serves around).
public enum StartupError: Error, Sendable, CustomStringConvertible {
    case metadata(String)
    case configuration(String)

    public var description: String {
        switch self {
        case .metadata(let message): "invalid metadata: \(message)"
        case .configuration(let message): message
        }
    }
}
