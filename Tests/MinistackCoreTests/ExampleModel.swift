import MinistackCore
import MinistackTesting

/// The example project resolved against its catalog, for either database, without I/O.
enum ExampleModel {
    static func metadata(_ kind: DatabaseKind) throws -> Metadata {
        var metadata = try MetadataReader.read(files: ExampleProject.metadataFiles())
        metadata.sources = metadata.sources.map { $0.switching(to: kind) }
        return metadata
    }

    static func model(_ kind: DatabaseKind) throws -> Model {
        ModelResolver.resolve(metadata: try metadata(kind), catalogs: ["default": ExampleCatalog.make(kind)])
    }

    static func adminSchema(_ kind: DatabaseKind) throws -> RoleSchema {
        try SchemaBuilder.build(model: try model(kind), role: Session.adminRole)
    }

    /// The schema a role sees, built from its view of the model (as the engine builds it).
    static func schema(_ kind: DatabaseKind, role: String) throws -> RoleSchema {
        let view = try model(kind).view(for: role, inheritedRoles: try metadata(kind).inheritedRoles)
        return try SchemaBuilder.build(model: view, role: role)
    }
}
