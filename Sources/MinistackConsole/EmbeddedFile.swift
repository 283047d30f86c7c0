/// One file of `web/` as the build embedded it (see `ConsoleEmbedder`).
struct EmbeddedFile: Sendable {
    /// The path under `web/`, such as `index.html` or `js/explorer.js`.
    let path: String
    let base64: String
    /// The file compressed with `gzip -9 -n`, base64-encoded.
    let gzipBase64: String
}
