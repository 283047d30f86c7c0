public import Foundation

/// Answers a request under `/console`: the file asked for, `index.html` for the console's own
/// routes (paths without an extension), 404 otherwise. Files are revalidated by ETag
/// (`If-None-Match` → 304) and sent gzip-compressed when the client accepts it.
public struct ConsoleResponder: Sendable {
    /// What to send back.
    public struct Answer: Sendable, Equatable {
        public var status: Int
        public var headers: [String: String]
        public var body: Data
    }

    let assets: ConsoleAssets

    public init(assets: ConsoleAssets = .embeddedAssets) { self.assets = assets }

    /// `path` is what follows `/console` (`""`, `/`, `/app.js`, `/data/author`…).
    public func answer(path: String, ifNoneMatch: String?, acceptEncoding: String?) -> Answer {
        let relative = path.drop { $0 == "/" }
        let asset: ConsoleAssets.Asset?
        if relative.isEmpty || !relative.split(separator: "/").last!.contains(".") {
            asset = assets.assets["index.html"]
        } else {
            asset = assets.assets[String(relative)]
        }
        guard let asset else {
            return Answer(
                status: 404, headers: ["content-type": "text/plain; charset=utf-8"], body: Data("not found\n".utf8))
        }
        var headers = [
            "etag": asset.etag, "cache-control": "no-cache", "vary": "accept-encoding",
            "content-type": asset.contentType,
        ]
        if let ifNoneMatch, ifNoneMatch.split(separator: ",").contains(where: { $0.trimmed == asset.etag }) {
            headers["content-type"] = nil
            return Answer(status: 304, headers: headers, body: Data())
        }
        let gzip = (acceptEncoding ?? "").split(separator: ",").contains { part in
            let coding = part.split(separator: ";").first.map { $0.trimmed.lowercased() } ?? ""
            return coding == "gzip" && !part.replacingOccurrences(of: " ", with: "").contains("q=0")
        }
        if gzip && asset.gzipped.count < asset.bytes.count {
            headers["content-encoding"] = "gzip"
            return Answer(status: 200, headers: headers, body: asset.gzipped)
        }
        return Answer(status: 200, headers: headers, body: asset.bytes)
    }
}

extension Substring {
    fileprivate var trimmed: String { String(self).trimmingCharacters(in: .whitespaces) }
}
