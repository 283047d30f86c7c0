import OrderedCollections

/// Reading metadata in the JSON form `export_metadata` answers and `replace_metadata` takes.
extension MetadataReader {
    /// The metadata of an exported JSON object (`{"version", "sources", "actions", …}`).
    ///
    /// JSON is YAML, so the object is laid out as the files of a metadata directory and read
    /// by the same code, with the same checks and error paths.
    public static func read(exportJSON json: JSONValue) throws(MetadataError) -> Metadata {
        guard case .object(let fields) = json else {
            throw .invalidShape(file: "metadata", path: "$", message: "expected an object, found \(json.kindName)")
        }
        var files: [String: String] = ["version.yaml": "version: \(fields["version"]?.intValue ?? 3)\n"]
        files["databases/databases.yaml"] = (fields["sources"] ?? .array([])).serialized
        var actions: [(String, JSONValue)] = []
        for key in ["actions", "custom_types"] {
            if let value = fields[key] { actions.append((key, value)) }
        }
        if !actions.isEmpty { files["actions.yaml"] = JSONValue.fields(actions).serialized }
        for (file, key) in Metadata.exportedFiles {
            if let value = fields[key] { files[file] = value.serialized }
        }
        return try read(files: files)
    }
}
