import OrderedCollections

/// Metadata as Hasura's `export_metadata` answers it: one JSON object with `version`,
/// `sources` and the other top-level parts that are not empty.
extension Metadata {
    /// Top-level metadata files and the key each has in the exported object.
    static let exportedFiles: [(file: String, key: String)] = [
        ("remote_schemas.yaml", "remote_schemas"), ("query_collections.yaml", "query_collections"),
        ("allow_list.yaml", "allowlist"), ("cron_triggers.yaml", "cron_triggers"),
        ("inherited_roles.yaml", "inherited_roles"),
        ("network.yaml", "network"), ("rest_endpoints.yaml", "rest_endpoints"), ("api_limits.yaml", "api_limits"),
        ("graphql_schema_introspection.yaml", "graphql_schema_introspection"),
        ("backend_configs.yaml", "backend_configs"),
        ("opentelemetry.yaml", "opentelemetry"), ("metrics_config.yaml", "metrics_config"),
    ]

    public var exportJSON: JSONValue {
        var fields: [(String, JSONValue)] = [
            ("version", .number(String(version))), ("sources", .array(sources.map(\.exportJSON))),
        ]
        if let actions = otherFiles["actions.yaml"] {
            for key in ["actions", "custom_types"] {
                if let value = actions[key], !value.isEmptyCollection { fields.append((key, value)) }
            }
        }
        for (file, key) in Self.exportedFiles {
            if let value = otherFiles[file], !value.isEmptyCollection, !value.isNull { fields.append((key, value)) }
        }
        return .fields(fields)
    }
}

extension SourceMetadata {
    var exportJSON: JSONValue {
        .fields([
            ("name", .string(name)), ("kind", .string(kind.rawValue)),
            ("tables", .array(tables.map { $0.exportJSON(defaultSchema: defaultSchema) })),
            ("configuration", configuration),
        ])
    }
}

extension TableMetadata {
    /// The table as written, with its relationships from the typed model (so inferred ones are
    /// included): `table`, `configuration`, the relationships, then the other parts as written.
    func exportJSON(defaultSchema: String) -> JSONValue {
        let written = raw.objectValue ?? [:]
        var fields: [(String, JSONValue)] = [("table", table.exportJSON(defaultSchema: defaultSchema))]
        if let configuration = written["configuration"] { fields.append(("configuration", configuration)) }
        if !objectRelationships.isEmpty {
            fields.append(
                (
                    "object_relationships",
                    .array(objectRelationships.map { $0.exportJSON(defaultSchema: defaultSchema) })
                ))
        }
        if !arrayRelationships.isEmpty {
            fields.append(
                ("array_relationships", .array(arrayRelationships.map { $0.exportJSON(defaultSchema: defaultSchema) })))
        }
        let handled: Set = ["table", "configuration", "object_relationships", "array_relationships"]
        for (key, value) in written where !handled.contains(key) { fields.append((key, value)) }
        return .fields(fields)
    }
}

extension QualifiedTableName {
    /// `{name, schema}` (SQLite tables in `main`: `{name}`), as Hasura exports table names.
    func exportJSON(defaultSchema: String) -> JSONValue {
        defaultSchema == "main" && schema == "main"
            ? .fields([("name", .string(name))])
            : .fields([("name", .string(name)), ("schema", .string(schema))])
    }
}

extension RelationshipMetadata {
    func exportJSON(defaultSchema: String) -> JSONValue {
        if case .object(var written)? = raw {
            written["name"] = .string(name)
            return .object(written)
        }
        let using: JSONValue
        switch self.using {
        case .localForeignKey(let columns):
            using = .fields([
                (
                    "foreign_key_constraint_on",
                    columns.count == 1 ? .string(columns[0]) : .array(columns.map(JSONValue.string))
                )
            ])
        case .remoteForeignKey(let table, let columns):
            let column: (String, JSONValue) =
                columns.count == 1
                ? ("column", .string(columns[0])) : ("columns", .array(columns.map(JSONValue.string)))
            using = .fields([
                (
                    "foreign_key_constraint_on",
                    .fields([column, ("table", table.exportJSON(defaultSchema: defaultSchema))])
                )
            ])
        case .manual(let table, let mapping):
            using = .fields([
                (
                    "manual_configuration",
                    .fields([
                        ("column_mapping", .fields(mapping.map { ($0.local, .string($0.remote)) })),
                        ("remote_table", table.exportJSON(defaultSchema: defaultSchema)),
                    ])
                )
            ])
        }
        var fields: [(String, JSONValue)] = [("name", .string(name)), ("using", using)]
        if let comment { fields.append(("comment", .string(comment))) }
        return .fields(fields)
    }
}

extension JSONValue {
    /// An empty list or object.
    var isEmptyCollection: Bool {
        switch self {
        case .array(let items): items.isEmpty
        case .object(let fields): fields.isEmpty
        default: false
        }
    }
}
