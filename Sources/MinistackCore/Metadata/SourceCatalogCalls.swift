/// The read-only metadata calls that describe a source's database rather than its metadata, as
/// the console uses them: `*_get_source_tables` (every table and view, tracked or not) and
/// `*_suggest_relationships` (relationships its foreign keys allow, in Hasura's shape).
public enum SourceCatalogCall: Sendable, Equatable {
    case tables(source: String)
    /// `tables`: only suggestions starting at one of these (all when nil); `omitTracked`: leave
    /// out suggestions a relationship in the metadata already covers.
    case suggestRelationships(source: String, tables: Set<QualifiedTableName>?, omitTracked: Bool)

    public var source: String {
        switch self {
        case .tables(let source), .suggestRelationships(let source, _, _): source
        }
    }

    /// The call `type` names (with or without its `pg_`/`sqlite_` prefix); nil when it is not one.
    public static func parse(type: String, arguments: JSONValue, in metadata: Metadata) throws(HasuraError) -> Self? {
        let name = ["pg_", "sqlite_"].first(where: type.hasPrefix).map { String(type.dropFirst($0.count)) } ?? type
        let reader = MetadataOperations.Arguments(value: arguments)
        switch name {
        case "get_source_tables":
            return .tables(source: metadata.sources[try reader.sourceIndex(in: metadata)].name)
        case "suggest_relationships":
            let source = metadata.sources[try reader.sourceIndex(in: metadata)]
            var tables: Set<QualifiedTableName>?
            if let written = arguments["tables"], !written.isNull {
                guard case .array(let items) = written else {
                    throw HasuraError(.parseFailed, "expected an array", path: "$.args.tables")
                }
                var names = Set<QualifiedTableName>()
                for (index, item) in items.enumerated() {
                    do {
                        names.insert(
                            try QualifiedTableName(
                                reading: JSONReader(value: item, file: "args", path: "$.args.tables[\(index)]"),
                                defaultSchema: source.defaultSchema))
                    } catch {
                        throw HasuraError(.parseFailed, "\(error)", path: "$.args.tables[\(index)]")
                    }
                }
                tables = names
            }
            let omitTracked = try reader.bool("omit_tracked", default: false)
            return .suggestRelationships(source: source.name, tables: tables, omitTracked: omitTracked)
        default:
            return nil
        }
    }

    /// The answer, from the source's live catalog.
    public func answer(catalog: Catalog, source: SourceMetadata) -> JSONValue {
        switch self {
        case .tables:
            return .array(catalog.sortedTables.map { $0.name.exportJSON(defaultSchema: source.defaultSchema) })
        case .suggestRelationships(_, let tables, let omitTracked):
            let suggestions = RelationshipSuggestions.suggest(catalog: catalog, source: source).filter { suggestion in
                (tables?.contains(suggestion.from) ?? true) && !(omitTracked && suggestion.isTracked(in: source))
            }
            return .fields([
                ("relationships", .array(suggestions.map { $0.json(defaultSchema: source.defaultSchema) }))
            ])
        }
    }
}

/// A relationship a foreign key allows between two tracked tables, as Hasura suggests it.
public struct RelationshipSuggestion: Sendable, Equatable {
    public enum Kind: String, Sendable { case object, array }

    public var kind: Kind
    public var from: QualifiedTableName
    public var fromColumns: [String]
    public var to: QualifiedTableName
    public var toColumns: [String]
    /// The foreign key, on whichever side holds it.
    public var constraintName: String
    /// Whether `from` holds the foreign key (else `to` does).
    public var fromHoldsForeignKey: Bool

    /// Whether a relationship of the same kind on `from` already joins the same columns.
    func isTracked(in source: SourceMetadata) -> Bool {
        guard let table = source.tables.first(where: { $0.table == from }) else { return false }
        let existing = kind == .object ? table.objectRelationships : table.arrayRelationships
        let mapping = Set(zip(fromColumns, toColumns).map { "\($0)\u{0}\($1)" })
        return existing.contains { relationship in
            switch relationship.using {
            case .localForeignKey(let columns):
                fromHoldsForeignKey && Set(columns) == Set(fromColumns)
            case .remoteForeignKey(let table, let columns):
                !fromHoldsForeignKey && table == to && Set(columns) == Set(toColumns)
            case .manual(let remote, let pairs):
                remote == to && Set(pairs.map { "\($0.local)\u{0}\($0.remote)" }) == mapping
            }
        }
    }

    func json(defaultSchema: String) -> JSONValue {
        func side(_ table: QualifiedTableName, _ columns: [String], holdsKey: Bool) -> JSONValue {
            var fields: [(String, JSONValue)] = [
                ("table", table.exportJSON(defaultSchema: defaultSchema)),
                ("columns", .array(columns.map(JSONValue.string))),
            ]
            if holdsKey { fields.append(("constraint_name", .string(constraintName))) }
            return .fields(fields)
        }
        return .fields([
            ("type", .string(kind.rawValue)),
            ("from", side(from, fromColumns, holdsKey: fromHoldsForeignKey)),
            ("to", side(to, toColumns, holdsKey: !fromHoldsForeignKey)),
        ])
    }
}

/// Hasura's rule: each foreign key A(cols) → B(refs) between tracked tables suggests an object
/// relationship A → B, and back from B an object relationship when A's columns are unique in A
/// (its primary key or a unique constraint), else an array relationship.
public enum RelationshipSuggestions {
    public static func suggest(catalog: Catalog, source: SourceMetadata) -> [RelationshipSuggestion] {
        let tracked = Set(source.tables.map(\.table))
        var suggestions: [RelationshipSuggestion] = []
        for table in catalog.sortedTables where tracked.contains(table.name) {
            for key in table.foreignKeys.sorted(by: { $0.name < $1.name }) where tracked.contains(key.referencedTable) {
                suggestions.append(
                    RelationshipSuggestion(
                        kind: .object, from: table.name, fromColumns: key.columns, to: key.referencedTable,
                        toColumns: key.referencedColumns, constraintName: key.name, fromHoldsForeignKey: true))
                let unique =
                    Set(table.primaryKey) == Set(key.columns)
                    || table.uniqueConstraints.contains { Set($0.columns) == Set(key.columns) }
                suggestions.append(
                    RelationshipSuggestion(
                        kind: unique ? .object : .array, from: key.referencedTable, fromColumns: key.referencedColumns,
                        to: table.name, toColumns: key.columns, constraintName: key.name, fromHoldsForeignKey: false))
            }
        }
        return suggestions
    }
}
