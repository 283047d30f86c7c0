/// The remote schemas, typed, over `otherFiles["remote_schemas.yaml"]` (kept as written).
extension Metadata {
    static let remoteSchemasFile = "remote_schemas.yaml"

    public var remoteSchemas: [RemoteSchemaMetadata] {
        get {
            (otherFiles[Self.remoteSchemasFile]?.arrayValue ?? []).compactMap { json in
                try? RemoteSchemaMetadata(reading: JSONReader(value: json, file: Self.remoteSchemasFile, path: "$"))
            }
        }
        set { otherFiles[Self.remoteSchemasFile] = .array(newValue.map(\.raw)) }
    }
}
