import OrderedCollections
import Yams

/// Lays out export JSON (what `export_metadata` answers) as the files of a Hasura v3 metadata
/// directory, the way `hasura metadata export` writes them.
///
/// The result is relative path → file text, so writing it to disk (and removing the files of an
/// older export) is the caller's job. It is a pure function of its input: keys keep the JSON's
/// order, YAML is block style with 2-space indentation, and writing the same JSON twice gives the
/// same bytes, so an exported directory can be kept in git and diffed.
///
/// ```swift
/// let files = try MetadataDirectoryWriter.files(for: metadata.exportJSON)
/// // ["version.yaml": "version: 3\n", "databases/databases.yaml": "- name: default\n  kind: sqlite\n…", …]
/// ```
///
/// `MetadataReader.read(files:)` reads the result back into the same metadata.
public enum MetadataDirectoryWriter {
    /// Top-level files written even when the metadata has nothing for them, with their export key
    /// and the content Hasura writes when it is empty.
    static let topLevelFiles: [(file: String, key: String, empty: JSONValue)] = [
        ("allow_list.yaml", "allowlist", .array([])), ("api_limits.yaml", "api_limits", .emptyObject),
        ("backend_configs.yaml", "backend_configs", .emptyObject), ("cron_triggers.yaml", "cron_triggers", .array([])),
        (
            "graphql_schema_introspection.yaml", "graphql_schema_introspection",
            .fields([("disabled_for_roles", .array([]))])
        ),
        ("inherited_roles.yaml", "inherited_roles", .array([])),
        ("metrics_config.yaml", "metrics_config", .emptyObject), ("network.yaml", "network", .emptyObject),
        ("opentelemetry.yaml", "opentelemetry", .emptyObject),
        ("query_collections.yaml", "query_collections", .array([])),
        ("remote_schemas.yaml", "remote_schemas", .array([])), ("rest_endpoints.yaml", "rest_endpoints", .array([])),
    ]

    /// The files of the directory for `metadata` (export JSON), by relative path.
    ///
    /// Actions and custom types are split as Hasura CLI splits them: signatures and fields in
    /// `actions.graphql`, the rest in `actions.yaml` (see `ActionsDirectory`).
    ///
    /// - Throws: `MetadataError.invalidShape` when the JSON is not shaped like exported metadata.
    public static func files(for metadata: JSONValue) throws(MetadataError) -> [String: String] {
        guard case .object(let fields) = metadata else {
            throw .invalidShape(file: "metadata", path: "$", message: "expected an object, found \(metadata.kindName)")
        }
        var files: [String: String] = [:]
        files["version.yaml"] = YAMLBlockWriter.document(.fields([("version", fields["version"] ?? .number("3"))]))
        try writeSources(fields["sources"] ?? .array([]), into: &files)
        let actions = try actionsFiles(actions: fields["actions"], customTypes: fields["custom_types"])
        files["actions.graphql"] = actions.graphql
        files["actions.yaml"] = YAMLBlockWriter.document(actions.yaml)
        for (file, key, empty) in topLevelFiles {
            files[file] = YAMLBlockWriter.document(fields[key] ?? empty)
        }
        let known = Set(["version", "sources", "actions", "custom_types"] + topLevelFiles.map(\.key))
        for (key, value) in fields where !known.contains(key) {
            files[key + ".yaml"] = YAMLBlockWriter.document(value)
        }
        return files
    }

    /// `actions.graphql` and `actions.yaml` for the export's `actions` and `custom_types`.
    private static func actionsFiles(actions: JSONValue?, customTypes: JSONValue?) throws(MetadataError) -> (
        graphql: String, yaml: JSONValue
    ) {
        do {
            let list = try JSONReader(value: actions ?? .null, file: "metadata", path: "$.actions")
                .array(orNullAsEmpty: true).map { try ActionMetadata(reading: $0) }
            let types = try CustomTypes(
                reading: JSONReader(value: customTypes ?? .null, file: "metadata", path: "$.custom_types"))
            return ActionsDirectory.files(actions: list, customTypes: types)
        } catch let error as MetadataError {
            throw error
        } catch {
            throw .invalidShape(file: "metadata", path: "$", message: "\(error)")
        }
    }

    /// Whether `path` (relative to the directory) is a file of the layout `files(for:)` writes:
    /// the files to remove before writing a new export so that dropped tables disappear.
    public static func ownsFile(_ path: String) -> Bool {
        if path.hasPrefix("databases/") { return path.hasSuffix(".yaml") || path.hasSuffix(".yml") }
        guard !path.contains("/") else { return false }
        return path == "version.yaml" || path == "actions.graphql" || path == "actions.yaml"
            || topLevelFiles.contains { $0.file == path }
    }

    private static func writeSources(_ sources: JSONValue, into files: inout [String: String]) throws(MetadataError) {
        guard case .array(let items) = sources else {
            throw .invalidShape(file: "metadata", path: "$.sources", message: "expected a list of sources")
        }
        var entries: [JSONValue] = []
        for (index, item) in items.enumerated() {
            let path = "$.sources[\(index)]"
            guard case .object(let source) = item, case .string(let name)? = source["name"] else {
                throw .invalidShape(file: "metadata", path: path, message: "expected a source with a name")
            }
            let defaultSchema = source["kind"]?.stringValue == "sqlite" ? "main" : "public"
            var entry: [(String, JSONValue)] = [("name", .string(name))]
            for key in ["kind", "configuration"] {
                if let value = source[key] { entry.append((key, value)) }
            }
            for (key, value) in source where !["name", "kind", "configuration", "tables", "functions"].contains(key) {
                entry.append((key, value))
            }
            for (key, field) in [("tables", "table"), ("functions", "function")] {
                let value = source[key] ?? .array([])
                if key == "functions" && value.isEmptyCollection { continue }
                guard case .array(let objects) = value else {
                    throw .invalidShape(file: "metadata", path: "\(path).\(key)", message: "expected a list")
                }
                let folder = "\(name)/\(key)"
                var includes: [JSONValue] = []
                var taken: Set<String> = []
                for (position, object) in objects.enumerated() {
                    let qualified = try fileStem(
                        of: object[field], defaultSchema: defaultSchema, path: "\(path).\(key)[\(position)].\(field)")
                    var stem = qualified
                    var suffix = 2
                    while !taken.insert(stem).inserted {
                        stem = "\(qualified)_\(suffix)"
                        suffix += 1
                    }
                    includes.append(.string("!include \(stem).yaml"))
                    files["databases/\(folder)/\(stem).yaml"] = YAMLBlockWriter.document(object)
                }
                files["databases/\(folder)/\(key).yaml"] = YAMLBlockWriter.document(.array(includes))
                entry.append((key, .string("!include \(folder)/\(key).yaml")))
            }
            entries.append(.fields(entry))
        }
        files["databases/databases.yaml"] = YAMLBlockWriter.document(.array(entries))
    }

    /// `<schema>_<name>` of a table or function name in any of its spellings.
    private static func fileStem(of name: JSONValue?, defaultSchema: String, path: String) throws(MetadataError)
        -> String
    {
        switch name {
        case .string(let name)?:
            return "\(defaultSchema)_\(name)"
        case .array(let parts)? where parts.count == 1 || parts.count == 2:
            let names = parts.compactMap(\.stringValue)
            if names.count == parts.count {
                return (names.count == 1 ? [defaultSchema] + names : names).joined(separator: "_")
            }
        case .object(let fields)?:
            if case .string(let name)? = fields["name"] {
                return "\(fields["schema"]?.stringValue ?? defaultSchema)_\(name)"
            }
        default:
            break
        }
        throw .invalidShape(
            file: "metadata", path: path, message: "expected a name: {name, schema}, a string or a list")
    }
}

/// Block-style YAML text for a JSON value, as Hasura's CLI writes metadata files: keys in order,
/// 2-space indentation, list items indented under their key, strings plain when YAML reads them
/// back as the same string and double-quoted otherwise, multi-line strings as literal blocks.
enum YAMLBlockWriter {
    static func document(_ value: JSONValue) -> String {
        var out = ""
        switch value {
        case .object(let fields) where !fields.isEmpty: writeMapping(fields, indent: 0, to: &out)
        case .array(let items) where !items.isEmpty: writeSequence(items, indent: 0, to: &out)
        default: out += scalar(value, indent: 0) + "\n"
        }
        return out
    }

    /// Lines `key: value` at `indent`, each ending in a newline.
    private static func writeMapping(_ fields: OrderedDictionary<String, JSONValue>, indent: Int, to out: inout String)
    {
        for (index, (key, value)) in fields.enumerated() {
            if index > 0 { out += String(repeating: " ", count: indent) }
            out += (isPlainSafe(key) ? key : doubleQuoted(key)) + ":"
            writeValue(value, indent: indent, to: &out)
        }
    }

    /// Lines `- item` at `indent`; the first starts where `out` is (after indentation or `- `).
    private static func writeSequence(_ items: [JSONValue], indent: Int, to out: inout String) {
        for (index, item) in items.enumerated() {
            if index > 0 { out += String(repeating: " ", count: indent) }
            out += "- "
            switch item {
            case .object(let fields) where !fields.isEmpty: writeMapping(fields, indent: indent + 2, to: &out)
            case .array(let nested) where !nested.isEmpty: writeSequence(nested, indent: indent + 2, to: &out)
            default: out += scalar(item, indent: indent + 2) + "\n"
            }
        }
    }

    /// The value of a mapping entry whose `key:` is already written.
    private static func writeValue(_ value: JSONValue, indent: Int, to out: inout String) {
        switch value {
        case .object(let fields) where !fields.isEmpty:
            out += "\n" + String(repeating: " ", count: indent + 2)
            writeMapping(fields, indent: indent + 2, to: &out)
        case .array(let items) where !items.isEmpty:
            out += "\n" + String(repeating: " ", count: indent + 2)
            writeSequence(items, indent: indent + 2, to: &out)
        default:
            out += " " + scalar(value, indent: indent + 2) + "\n"
        }
    }

    /// A scalar (or empty collection) in flow form; a literal block's lines are indented by `indent`.
    private static func scalar(_ value: JSONValue, indent: Int) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .number(let text): text
        case .string(let text): string(text, indent: indent)
        case .array: "[]"
        case .object: "{}"
        }
    }

    private static func string(_ text: String, indent: Int) -> String {
        if isPlainSafe(text) { return text }
        if let block = literalBlock(text, indent: indent) { return block }
        return doubleQuoted(text)
    }

    /// YAML 1.1 booleans that Go's YAML library quotes although Yams reads them as strings.
    private static let oldBooleans: Set = ["y", "Y", "n", "N"]

    /// Characters that may not start a plain scalar.
    private static let indicators = Set("!&*|>'\"%@`#,[]{}".unicodeScalars)

    /// Whether `scalar` may appear unescaped on a line: printable and not a YAML line break.
    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x20 && scalar.value != 0x7F && scalar.value != 0x85 && scalar != "\u{2028}"
            && scalar != "\u{2029}" && scalar != "\u{FEFF}"
    }

    /// Whether `text` written plain reads back as this same string (not a number, boolean, null,
    /// tag, comment, mapping…).
    private static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, !indicators.contains(first), !oldBooleans.contains(text),
            text.unicodeScalars.allSatisfy(isPrintable),
            case .scalar(let scalar)? = try? Yams.compose(yaml: text)
        else { return false }
        let node = Node.scalar(scalar)
        return scalar.string == text && node.tag.rawValue == Tag.Name.str.rawValue && node.null == nil
            && node.bool == nil
            && node.int == nil && node.float == nil
    }

    /// `|`/`|-` with the lines indented, for multi-line text a literal block keeps exactly.
    private static func literalBlock(_ text: String, indent: Int) -> String? {
        guard text.contains("\n") else { return nil }
        var body = Substring(text)
        let chomping: String
        if body.hasSuffix("\n") {
            body = body.dropLast()
            guard !body.hasSuffix("\n") else { return nil }
            chomping = "|"
        } else {
            chomping = "|-"
        }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, !first.hasPrefix(" "), !first.isEmpty else { return nil }
        for line in lines {
            if line.hasSuffix(" ") || line.hasSuffix("\t") { return nil }
            if !line.unicodeScalars.allSatisfy({ isPrintable($0) || $0 == "\t" }) { return nil }
        }
        let padding = String(repeating: " ", count: indent)
        return chomping + lines.map { $0.isEmpty ? "\n" : "\n" + padding + $0 }.joined()
    }

    private static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where !isPrintable(scalar):
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
