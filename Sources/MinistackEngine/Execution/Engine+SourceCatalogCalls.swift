import MinistackCore

extension Engine {
    /// Answers `*_get_source_tables` and `*_suggest_relationships` from the source's live catalog.
    func sourceCatalogCall(_ call: SourceCatalogCall) async throws(HasuraError) -> JSONValue {
        let snapshot = store.snapshot
        guard let driver = snapshot.driver(forSource: call.source),
            let source = snapshot.metadata.sources.first(where: { $0.name == call.source })
        else { throw HasuraError(.unexpected, "source \"\(call.source)\" is not connected") }
        let catalog: Catalog
        do {
            catalog = try await driver.introspect()
        } catch {
            throw HasuraError(
                .unexpected, "could not read the database catalog",
                internal: .fields([("error", .string(error.message))]))
        }
        return call.answer(catalog: catalog, source: source)
    }
}
