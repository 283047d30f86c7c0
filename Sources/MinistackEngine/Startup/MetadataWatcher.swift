import Foundation
public import Logging
import MinistackCore

/// `serve --watch`: polls the metadata directory and, when its files change (and then stay
/// unchanged for a moment), applies them, logging what changed and any inconsistency.
/// A file that does not parse is reported and the server keeps its current metadata.
public struct MetadataWatcher: Sendable {
    let directory: String
    let engine: Engine
    let logger: Logger
    let interval: Duration

    public init(directory: String, engine: Engine, logger: Logger, interval: Duration = .milliseconds(500)) {
        self.directory = directory
        self.engine = engine
        self.logger = logger
        self.interval = interval
    }

    /// Runs until the task is cancelled.
    public func run() async {
        var applied = MetadataFiles.read(directory: directory)
        var pending: [String: String]?
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            let current = MetadataFiles.read(directory: directory)
            guard current != applied else {
                pending = nil
                continue
            }
            // Debounce: apply once two reads in a row agree (an editor may write in steps).
            guard current == pending else {
                pending = current
                continue
            }
            pending = nil
            applied = current
            await apply(current)
        }
    }

    func apply(_ files: [String: String]) async {
        let before = engine.store.snapshot.metadata
        let metadata: Metadata
        do {
            metadata = try MetadataReader.read(files: files)
        } catch {
            logger.error("metadata not reloaded: \(error)")
            return
        }
        do {
            let inconsistencies = try await engine.replaceMetadata(metadata)
            logger.notice("metadata reloaded from \(directory): \(Self.summary(from: before, to: metadata))")
            for inconsistency in inconsistencies { logger.warning("inconsistent metadata: \(inconsistency)") }
        } catch {
            logger.error("metadata not reloaded: \(error.message)")
        }
    }

    /// `tables added: …; removed: …` per source, or `no table changes`.
    static func summary(from old: Metadata, to new: Metadata) -> String {
        var parts: [String] = []
        for source in new.sources {
            let before = Set(old.sources.first { $0.name == source.name }?.tables.map(\.table.description) ?? [])
            let after = Set(source.tables.map(\.table.description))
            let added = after.subtracting(before).sorted()
            let removed = before.subtracting(after).sorted()
            if !added.isEmpty { parts.append("\(source.name): tables added \(added.joined(separator: ", "))") }
            if !removed.isEmpty { parts.append("\(source.name): tables removed \(removed.joined(separator: ", "))") }
        }
        return parts.isEmpty ? "no tables added or removed" : parts.joined(separator: "; ")
    }
}
