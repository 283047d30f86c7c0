import MinistackCore
import Testing

/// Hasura's rule for suggested relationships, on a small catalog: a foreign key suggests an
/// object relationship forwards, and backwards an object one when its columns are unique in the
/// referencing table, else an array one; keys to untracked tables suggest nothing.
@Suite("Relationship suggestions")
struct RelationshipSuggestionTests {
    static func name(_ table: String) -> QualifiedTableName { QualifiedTableName(schema: "public", name: table) }

    static let catalog = Catalog(tables: [
        CatalogTable(name: name("team"), columns: [], primaryKey: ["org", "code"]),
        CatalogTable(
            name: name("player"), columns: [], primaryKey: ["id"],
            uniqueConstraints: [UniqueConstraint(name: "player_badge_key", columns: ["badge"])],
            foreignKeys: [
                ForeignKey(
                    name: "player_team_fkey", columns: ["team_org", "team_code"], referencedTable: name("team"),
                    referencedColumns: ["org", "code"]),
                ForeignKey(
                    name: "player_badge_fkey", columns: ["badge"], referencedTable: name("badge"),
                    referencedColumns: ["id"]),
                ForeignKey(
                    name: "player_coach_fkey", columns: ["coach"], referencedTable: name("coach"),
                    referencedColumns: ["id"]),
            ]),
        CatalogTable(name: name("badge"), columns: [], primaryKey: ["id"]),
        CatalogTable(name: name("coach"), columns: [], primaryKey: ["id"]),
    ])

    static func source(tracking tables: [String]) -> SourceMetadata {
        SourceMetadata(
            name: "default", kind: .postgres, databaseURL: nil,
            tables: tables.map { TableMetadata(table: name($0)) })
    }

    @Test("composite keys, unique columns, and untracked targets")
    func rule() {
        let suggestions = RelationshipSuggestions.suggest(
            catalog: Self.catalog, source: Self.source(tracking: ["team", "player", "badge"]))
        let summary = suggestions.map {
            "\($0.kind) \($0.from.name)(\($0.fromColumns.joined(separator: ","))) -> \($0.to.name)(\($0.toColumns.joined(separator: ","))) \($0.constraintName)"
        }
        #expect(
            summary == [
                "object player(badge) -> badge(id) player_badge_fkey",
                "object badge(id) -> player(badge) player_badge_fkey",
                "object player(team_org,team_code) -> team(org,code) player_team_fkey",
                "array team(org,code) -> player(team_org,team_code) player_team_fkey",
            ])
    }

    @Test("omit_tracked leaves out what the metadata already has; tables filters by the starting table")
    func filters() {
        var source = Self.source(tracking: ["team", "player", "badge"])
        source.tables[1].objectRelationships = [
            RelationshipMetadata(name: "team", using: .localForeignKey(columns: ["team_code", "team_org"]))
        ]
        source.tables[0].arrayRelationships = [
            RelationshipMetadata(
                name: "players",
                using: .remoteForeignKey(table: Self.name("player"), columns: ["team_org", "team_code"]))
        ]
        let call = SourceCatalogCall.suggestRelationships(source: "default", tables: nil, omitTracked: true)
        let answer = call.answer(catalog: Self.catalog, source: source)
        #expect(
            answer["relationships"]?.arrayValue?.map { $0["from"]?["constraint_name"] ?? $0["to"]?["constraint_name"] }
                == [.string("player_badge_fkey"), .string("player_badge_fkey")])
        let fromBadge = SourceCatalogCall.suggestRelationships(
            source: "default", tables: [Self.name("badge")], omitTracked: false
        ).answer(catalog: Self.catalog, source: source)
        #expect(fromBadge["relationships"]?.arrayValue?.count == 1)
        #expect(
            fromBadge["relationships"]?.arrayValue?.first?["from"]?["table"]
                == .fields([("name", .string("badge")), ("schema", .string("public"))]))
    }
}
