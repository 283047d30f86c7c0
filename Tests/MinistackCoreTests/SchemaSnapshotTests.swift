import GraphQL
import MinistackCore
import Testing

@Suite("The example project's schema")
struct SchemaSnapshotTests {
    @Test("matches the SDL snapshot", arguments: [DatabaseKind.postgres, .sqlite])
    func snapshot(_ kind: DatabaseKind) throws {
        let schema = try ExampleModel.adminSchema(kind)
        GoldenFile.check(schema.sdl, against: GoldenFile.root + "/schema/\(kind.rawValue).graphql")
    }

    @Test(
        "each role sees only what its permissions allow",
        arguments: ["anonymous", "user", "editor", "reader", "nobody"])
    func roleSnapshot(_ role: String) throws {
        let schema = try ExampleModel.schema(.sqlite, role: role)
        GoldenFile.check(schema.sdl, against: GoldenFile.root + "/schema/roles/\(role).graphql")
    }

    @Test("resolves without inconsistencies", arguments: [DatabaseKind.postgres, .sqlite])
    func consistent(_ kind: DatabaseKind) throws {
        #expect(try ExampleModel.model(kind).inconsistencies.isEmpty)
    }

    @Test("gives every table Hasura's root fields, each with its meaning")
    func rootFields() throws {
        let schema = try ExampleModel.adminSchema(.postgres)
        #expect(schema.schema.queryType?.name == "query_root")
        for table in ["author", "article", "tag", "comment", "article_tag"] {
            let key = TableKey(source: "default", name: QualifiedTableName(schema: "public", name: table))
            #expect(schema.meanings.fields[FieldCoordinate("query_root", table)] == .selectMany(key))
            #expect(schema.meanings.fields[FieldCoordinate("query_root", "\(table)_by_pk")] == .selectByPK(key))
            #expect(
                schema.meanings.fields[FieldCoordinate("query_root", "\(table)_aggregate")] == .selectAggregate(key))
        }
    }
}
