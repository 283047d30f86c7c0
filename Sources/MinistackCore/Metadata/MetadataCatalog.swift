/// Where the applied metadata is kept in a source's database, so several instances over one
/// database share it: `ministack.metadata` on Postgres, `ministack_metadata` on SQLite (both
/// hidden from introspection). One row, the export JSON as text, and a version that grows.
public enum MetadataCatalog {
    /// Creates the catalog table if it is missing.
    public static func createScript(for kind: DatabaseKind) -> String {
        switch kind {
        case .postgres:
            """
            CREATE SCHEMA IF NOT EXISTS ministack;
            CREATE TABLE IF NOT EXISTS ministack.metadata (
              id integer PRIMARY KEY, resource_version integer NOT NULL, metadata text NOT NULL
            );
            """
        case .sqlite:
            """
            CREATE TABLE IF NOT EXISTS ministack_metadata (
              id INTEGER PRIMARY KEY, resource_version INTEGER NOT NULL, metadata TEXT NOT NULL
            );
            """
        }
    }

    /// Reads the stored metadata: one row with its text, or no row.
    public static func loadStatement(for kind: DatabaseKind) -> DatabaseStatement {
        DatabaseStatement(sql: "SELECT metadata FROM \(table(kind)) WHERE id = 1")
    }

    /// Stores `metadata` (export JSON) and answers the new resource version.
    public static func saveStatement(for kind: DatabaseKind, metadata: JSONValue) -> DatabaseStatement {
        let placeholder = kind == .postgres ? "$1::text" : "?"
        return DatabaseStatement(
            sql: """
                INSERT INTO \(table(kind)) AS stored (id, resource_version, metadata) VALUES (1, 1, \(placeholder))
                ON CONFLICT (id) DO UPDATE SET metadata = excluded.metadata, resource_version = stored.resource_version + 1
                RETURNING resource_version
                """,
            bindings: [BoundValue(.string(metadata.serialized), as: .string)])
    }

    static func table(_ kind: DatabaseKind) -> String {
        kind == .postgres ? "ministack.metadata" : "ministack_metadata"
    }
}
