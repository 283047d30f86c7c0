public import Foundation

/// The console's files, decoded once from what the build embedded, with what serving them
/// needs: content type, a strong ETag, and the gzip-compressed bytes.
public struct ConsoleAssets: Sendable {
    /// One servable file.
    public struct Asset: Sendable {
        public let path: String
        public let contentType: String
        public let bytes: Data
        public let gzipped: Data
        /// A strong ETag (quoted), derived from the bytes.
        public let etag: String
    }

    public let assets: [String: Asset]

    /// The files embedded in this binary.
    public static let embeddedAssets = ConsoleAssets(files: embedded)

    init(files: [EmbeddedFile]) {
        var assets: [String: Asset] = [:]
        for file in files {
            guard let bytes = Data(base64Encoded: file.base64), let gzipped = Data(base64Encoded: file.gzipBase64)
            else { continue }
            assets[file.path] = Asset(
                path: file.path, contentType: Self.contentType(of: file.path), bytes: bytes, gzipped: gzipped,
                etag: "\"" + Self.digest(bytes) + "\"")
        }
        self.assets = assets
    }

    /// The files under `directory`, read once (`--console-assets-dir`, for working on the console
    /// without rebuilding). They are served uncompressed.
    public init(directory: URL) throws {
        var assets: [String: Asset] = [:]
        let root = directory.standardizedFileURL.path
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let relative = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = root + "/" + relative
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") })
            else { continue }
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            assets[relative] = Asset(
                path: relative, contentType: Self.contentType(of: relative), bytes: bytes, gzipped: bytes,
                etag: "\"" + Self.digest(bytes) + "\"")
        }
        self.assets = assets
    }

    static func contentType(of path: String) -> String {
        switch path.split(separator: ".").last.map(String.init) ?? "" {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js", "mjs": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "ico": "image/x-icon"
        case "txt": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }

    /// FNV-1a (64 bits) of the bytes, in hex: enough to tell versions of a file apart.
    static func digest(_ bytes: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
