import Foundation
public import Logging
public import MinistackCore
import MinistackPostgres
import MinistackSQLite

/// Builds a snapshot from the metadata directory and the databases: the I/O half of reload.
///
/// Reads files, connects drivers, applies seeds to a newly created SQLite file, introspects,
/// then hands everything to the pure `ModelResolver` and `SchemaBuilder`.
public enum SnapshotLoader {
    /// The snapshot to start with: the metadata directory's files when it has any (then stored in
    /// the catalog, so other instances share them), else the metadata stored in the catalog of the
    /// default database, else nothing tracked (or every table, with `--track-all`).
    public static func load(_ configuration: ServeConfiguration, logger: Logger) async throws(StartupError) -> Snapshot
    {
        let files = MetadataFiles.read(directory: configuration.metadataDirectory)
        if !files.isEmpty {
            let metadata: Metadata
            do {
                metadata = try MetadataReader.read(files: files)
            } catch {
                throw .metadata(error.description)
            }
            let snapshot = try await build(metadata, configuration: configuration, logger: logger)
            await persist(snapshot, logger: logger)
            await installEventTriggers(of: snapshot, logger: logger)
            return snapshot
        }
        if let stored = await storedMetadata(configuration, logger: logger) {
            logger.info("no metadata in \(configuration.metadataDirectory); using the metadata stored in the database")
            let snapshot = try await build(stored, configuration: configuration, logger: logger)
            await installEventTriggers(of: snapshot, logger: logger)
            return snapshot
        }
        logger.info(
            "no metadata found in \(configuration.metadataDirectory)\(configuration.trackAll ? "; tracking every table" : "")"
        )
        let snapshot = try await build(Metadata(), configuration: configuration, logger: logger)
        if configuration.trackAll { await persist(snapshot, logger: logger) }
        return snapshot
    }

    /// Makes the databases' event-capture triggers match a snapshot about to be served (never
    /// for one that is only built to be checked, like `metadata validate` or a refused change).
    /// The catalog table of asynchronous actions is created here too, when there are any.
    public static func installEventTriggers(of snapshot: Snapshot, logger: Logger) async {
        await EventTriggerInstaller.synchronize(
            metadata: snapshot.metadata, model: snapshot.model, drivers: snapshot.drivers, logger: logger)
        if snapshot.model.actions.actions.contains(where: { $0.definition.kind == .asynchronous }),
            let driver = Engine.catalogDriver(of: snapshot)
        {
            do {
                try await driver.executeScript(ActionLogSQL.catalogScript(for: driver.kind))
            } catch {
                logger.error("could not create the asynchronous action log: \(error)")
            }
        }
    }

    /// Stores a snapshot's metadata in the catalog of its `default` (or first) source; a failure is logged.
    public static func persist(_ snapshot: Snapshot, logger: Logger) async {
        guard
            let source = snapshot.metadata.sources.first(where: { $0.name == "default" })
                ?? snapshot.metadata.sources.first,
            let driver = snapshot.drivers[source.name]
        else { return }
        do {
            try await driver.executeScript(MetadataCatalog.createScript(for: driver.kind))
            _ = try await driver.fetchRow(
                MetadataCatalog.saveStatement(for: driver.kind, metadata: snapshot.metadata.exportJSON))
        } catch {
            logger.warning("could not store the metadata in source \(source.name): \(error)")
        }
    }

    /// The metadata stored in the default database's catalog, if there is any.
    static func storedMetadata(_ configuration: ServeConfiguration, logger: Logger) async -> Metadata? {
        let url = configuration.databaseURL ?? ServeConfiguration.embeddedDatabaseURL
        guard let location = DatabaseLocation(url: url),
            let driver = try? await connect(
                location, source: "default", seeds: configuration.seedsDirectory, logger: logger)
        else { return nil }
        defer { Task { await driver.shutdown() } }
        guard let row = try? await driver.fetchRow(MetadataCatalog.loadStatement(for: location.kind)),
            let text = row.first ?? nil, let json = try? JSONParser.parse(text)
        else { return nil }
        do {
            return try MetadataReader.read(exportJSON: json)
        } catch {
            logger.warning("the metadata stored in the database cannot be read: \(error)")
            return nil
        }
    }

    /// Connects the metadata's sources, introspects them and resolves the model.
    public static func build(_ metadata: Metadata, configuration: ServeConfiguration, logger: Logger)
        async throws(StartupError)
        -> Snapshot
    {
        var metadata = metadata
        if metadata.sources.isEmpty {
            let url = configuration.databaseURL ?? ServeConfiguration.embeddedDatabaseURL
            guard let location = DatabaseLocation(url: url) else {
                throw .configuration("unsupported database URL: \(url)")
            }
            metadata.sources = [
                SourceMetadata(name: "default", kind: location.kind, databaseURL: .literal(url), tables: [])
            ]
        }

        var drivers: [String: any DatabaseDriver] = [:]
        var catalogs: [String: Catalog] = [:]
        var unreachable: [String: String] = [:]
        for index in metadata.sources.indices {
            let source = metadata.sources[index]
            let overrides = configuration.databaseURL != nil && (source.name == "default" || index == 0)
            guard
                let url = overrides
                    ? configuration.databaseURL : source.databaseURL?.resolve(in: configuration.environment)
            else {
                unreachable[source.name] =
                    "the database URL of source \"\(source.name)\" is not set (environment variable missing?)"
                continue
            }
            guard let location = DatabaseLocation(url: url) else {
                if overrides { throw .configuration("unsupported database URL: \(url)") }
                unreachable[source.name] = "unsupported database URL for source \"\(source.name)\""
                continue
            }
            if location.kind != source.kind {
                logger.notice(
                    "source \(source.name) is declared \(source.kind.rawValue) but its URL is \(location.kind.rawValue); using \(location.kind.rawValue)"
                )
                metadata.sources[index] = source.switching(to: location.kind)
            }
            do {
                let driver = try await connect(
                    location, source: source.name, seeds: configuration.seedsDirectory, logger: logger)
                let catalog = try await driver.introspect()
                drivers[source.name] = driver
                catalogs[source.name] = catalog
                logger.info("source \(source.name): \(location) (\(catalog.tables.count) tables)")
                if metadata.sources[index].tables.isEmpty && configuration.trackAll {
                    metadata.sources[index] = SourceMetadata.trackingAllTables(
                        name: source.name, kind: location.kind, databaseURL: source.databaseURL, catalog: catalog)
                }
            } catch {
                logger.error("source \(source.name): cannot connect to \(location): \(error)")
                unreachable[source.name] = "cannot connect to the database: \(error)"
            }
        }
        let introspections = await RemoteIntrospection.fetchAll(
            metadata.remoteSchemas, environment: configuration.environment)
        let model = ModelResolver.resolve(
            metadata: metadata, catalogs: catalogs, unreachableSources: unreachable,
            environment: configuration.environment, remoteIntrospections: introspections)
        for inconsistency in model.inconsistencies { logger.warning("inconsistent metadata: \(inconsistency)") }
        do {
            return try Snapshot(metadata: metadata, model: model, drivers: drivers)
        } catch {
            throw .metadata("the GraphQL schema could not be built: \(error)")
        }
    }

    /// Opens a driver; a SQLite file that did not exist is created and seeded.
    static func connect(_ location: DatabaseLocation, source: String, seeds: String, logger: Logger) async throws
        -> any DatabaseDriver
    {
        switch location {
        case .postgres(let url):
            // Generous: a database busy at start (or a loaded CI machine) should not look unreachable.
            let driver = try PostgresDriver(url: PostgresURL(url), pingTimeout: .seconds(15))
            try await driver.ping()
            return driver
        case .sqlite(let path):
            let isNew = path != ":memory:" && !FileManager.default.fileExists(atPath: path)
            let driver = try SQLiteDriver(path: path)
            if isNew {
                for seed in SeedFiles.list(directory: seeds, source: source, kind: .sqlite) {
                    logger.info("seeding \(path) from \(seed)")
                    try await driver.executeScript(try String(contentsOfFile: seed, encoding: .utf8))
                }
            }
            return driver
        }
    }
}

/// Reads a metadata directory into relative path → text.
enum MetadataFiles {
    static func read(directory: String) -> [String: String] {
        let root = URL(fileURLWithPath: directory)
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [:] }
        var files: [String: String] = [:]
        let prefix = root.standardizedFileURL.path + "/"
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                let text = try? String(contentsOf: url, encoding: .utf8)
            else { continue }
            let path = url.standardizedFileURL.path
            files[path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : url.lastPathComponent] = text
        }
        return files
    }
}

/// Seed files of a source for a dialect: `*.sql` and `*.<dialect>.sql`, in name order.
enum SeedFiles {
    static func list(directory: String, source: String, kind: DatabaseKind) -> [String] {
        let folder = directory + "/" + source
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        let otherKinds = [DatabaseKind.postgres, .sqlite].filter { $0 != kind }.map { ".\($0.rawValue).sql" }
        return names.filter { name in name.hasSuffix(".sql") && !otherKinds.contains { name.hasSuffix($0) } }
            .sorted().map { folder + "/" + $0 }
    }
}
