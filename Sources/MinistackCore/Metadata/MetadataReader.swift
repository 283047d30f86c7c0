import OrderedCollections

/// Reads a Hasura v3 metadata directory (given as relative path → text) into `Metadata`.
///
/// ```swift
/// let metadata = try MetadataReader.read(files: ["version.yaml": "version: 3", …])
/// ```
public enum MetadataReader {
    public static func read(files: [String: String]) throws(MetadataError) -> Metadata {
        do {
            return try readUnchecked(files: files)
        } catch let error as MetadataError {
            throw error
        } catch {
            throw .invalidShape(file: "", path: "$", message: "\(error)")
        }
    }

    static func readUnchecked(files: [String: String]) throws -> Metadata {
        let loader = YAMLDocumentLoader(files: files)
        var metadata = Metadata()
        if files["version.yaml"] != nil {
            let version = try loader.load("version.yaml")
            metadata.version = version["version"]?.intValue ?? 3
        }
        if files["databases/databases.yaml"] != nil {
            let databases = try loader.load("databases/databases.yaml")
            let reader = JSONReader(
                value: databases, file: "databases/databases.yaml", path: "$", includeRoots: loader.includeRoots)
            metadata.sources = try reader.array(orNullAsEmpty: true).map { try SourceMetadata(reading: $0) }
        }
        for path in files.keys.sorted() where !path.contains("/") && path != "version.yaml" {
            if path != ActionsDirectory.yamlFile && (path.hasSuffix(".yaml") || path.hasSuffix(".yml")) {
                metadata.otherFiles[path] = try loader.load(path)
            }
        }
        if files[ActionsDirectory.yamlFile] != nil || files[ActionsSDLReader.file] != nil {
            let yaml = files[ActionsDirectory.yamlFile] != nil ? try loader.load(ActionsDirectory.yamlFile) : nil
            let (actions, customTypes) = try ActionsDirectory.read(
                yaml: yaml?.isNull == true ? nil : yaml, sdl: files[ActionsSDLReader.file])
            metadata.storeActions(actions, customTypes: customTypes)
        }
        if let remoteSchemas = metadata.otherFiles[Metadata.remoteSchemasFile] {
            _ = try RemoteSchemaMetadata.list(
                JSONReader(value: remoteSchemas, file: Metadata.remoteSchemasFile, path: "$"))
        }
        return metadata
    }
}

extension SourceMetadata {
    init(reading reader: JSONReader) throws {
        let name = try reader.field("name").string()
        let kindText = try reader.optionalField("kind")?.string() ?? "postgres"
        guard let kind = DatabaseKind(rawValue: kindText) else {
            throw try reader.field("kind").invalid(
                "unsupported database kind '\(kindText)' (expected postgres or sqlite)")
        }
        let configuration = reader.optionalField("configuration")
        var url: ConfigurationValue?
        if let urlReader = configuration?.optionalField("connection_info")?.optionalField("database_url") {
            url = try ConfigurationValue(reading: urlReader)
        }
        let defaultSchema = kind == .postgres ? "public" : "main"
        let tables = try reader.optionalField("tables")?.array(orNullAsEmpty: true) ?? []
        self.init(
            name: name, kind: kind, databaseURL: url,
            tables: try tables.map { try TableMetadata(reading: $0, defaultSchema: defaultSchema) },
            configuration: configuration?.value ?? .object([:])
        )
    }
}

extension ConfigurationValue {
    init(reading reader: JSONReader) throws {
        if let text = reader.value.stringValue {
            self = .literal(text)
        } else if let variable = reader.optionalField("from_env") {
            self = .fromEnvironment(try variable.string())
        } else {
            throw reader.invalid("expected a string or {from_env: NAME}")
        }
    }
}

extension TableMetadata {
    init(reading reader: JSONReader, defaultSchema: String) throws {
        let table = try QualifiedTableName(reading: reader.field("table"), defaultSchema: defaultSchema)
        let configuration = try reader.optionalField("configuration").map { try TableConfiguration(reading: $0) }
        let objects = try reader.optionalField("object_relationships")?.array(orNullAsEmpty: true) ?? []
        let arrays = try reader.optionalField("array_relationships")?.array(orNullAsEmpty: true) ?? []
        _ = try EventTriggerMetadata.list(reader.optionalField("event_triggers"))
        self.init(
            table: table, configuration: configuration ?? TableConfiguration(),
            objectRelationships: try objects.map {
                try RelationshipMetadata(reading: $0, defaultSchema: defaultSchema)
            },
            arrayRelationships: try arrays.map { try RelationshipMetadata(reading: $0, defaultSchema: defaultSchema) },
            raw: reader.value
        )
    }
}

extension QualifiedTableName {
    /// `{name, schema?}`, `"name"`, `[name]` or `[schema, name]`.
    init(reading reader: JSONReader, defaultSchema: String) throws {
        switch reader.value {
        case .string(let name):
            self.init(schema: defaultSchema, name: name)
        case .array(let parts) where parts.count == 1 || parts.count == 2:
            let names = try reader.array().map { try $0.string() }
            self.init(schema: names.count == 2 ? names[0] : defaultSchema, name: names[names.count - 1])
        case .object:
            let schema = try reader.optionalField("schema")?.string() ?? defaultSchema
            self.init(schema: schema, name: try reader.field("name").string())
        default:
            throw reader.invalid("expected a table name: {name, schema}, a string or a list")
        }
    }
}

extension TableConfiguration {
    init(reading reader: JSONReader) throws {
        self.init()
        customName = try reader.optionalField("custom_name")?.optionalString()
        if let roots = reader.optionalField("custom_root_fields"), let fields = roots.value.objectValue {
            for key in fields.keys {
                let field = roots.optionalField(key)!
                switch field.value {
                case .null: continue
                case .string(let name): customRootFields[key] = name
                default:
                    if let name = try field.optionalField("name")?.optionalString() { customRootFields[key] = name }
                }
            }
        }
        if let legacy = reader.optionalField("custom_column_names"), let fields = legacy.value.objectValue {
            for key in fields.keys { customColumnNames[key] = try legacy.field(key).string() }
        }
        if let config = reader.optionalField("column_config"), let fields = config.value.objectValue {
            for key in fields.keys {
                if let name = try config.field(key).optionalField("custom_name")?.optionalString() {
                    customColumnNames[key] = name
                }
            }
        }
    }
}

extension RelationshipMetadata {
    init(reading reader: JSONReader, defaultSchema: String) throws {
        let name = try reader.field("name").string()
        let using = try reader.field("using")
        let comment = try reader.optionalField("comment")?.optionalString()
        if let foreignKey = using.optionalField("foreign_key_constraint_on") {
            switch foreignKey.value {
            case .string(let column):
                self.init(name: name, using: .localForeignKey(columns: [column]), comment: comment)
            case .array:
                self.init(
                    name: name, using: .localForeignKey(columns: try foreignKey.array().map { try $0.string() }),
                    comment: comment)
            case .object:
                let table = try QualifiedTableName(reading: foreignKey.field("table"), defaultSchema: defaultSchema)
                let columns: [String]
                if let single = foreignKey.optionalField("column") {
                    columns = [try single.string()]
                } else {
                    columns = try foreignKey.field("columns").array().map { try $0.string() }
                }
                self.init(name: name, using: .remoteForeignKey(table: table, columns: columns), comment: comment)
            default:
                throw foreignKey.invalid("expected a column, a list of columns or {table, column}")
            }
        } else if let manual = using.optionalField("manual_configuration") {
            let table = try QualifiedTableName(reading: manual.field("remote_table"), defaultSchema: defaultSchema)
            let mappingReader = try manual.field("column_mapping")
            guard let mapping = mappingReader.value.objectValue else {
                throw mappingReader.invalid("expected an object")
            }
            var pairs: [ColumnPair] = []
            for (local, remote) in mapping {
                guard let remoteName = remote.stringValue else {
                    throw mappingReader.invalid("column names must be strings")
                }
                pairs.append(ColumnPair(local: local, remote: remoteName))
            }
            self.init(name: name, using: .manual(remoteTable: table, columnMapping: pairs), comment: comment)
        } else {
            throw using.invalid("expected foreign_key_constraint_on or manual_configuration")
        }
        raw = reader.value
    }
}
