import Foundation
import Hummingbird
import HummingbirdTesting
import MinistackConsole
import MinistackCore
import MinistackEngine
import MinistackServer
import MinistackTesting
import Testing

/// The console is embedded in the binary from `web/` and served at `/console` with content
/// types, ETags and gzip.
@Suite("Console embedding and serving")
struct ConsoleServingTests {
    /// Every file under `web/`, as paths relative to it.
    static var webFiles: [String] {
        let root = ExampleProject.root + "/web"
        let enumerator = FileManager.default.enumerator(atPath: root)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                files.append(path)
            }
        }
        return files.sorted()
    }

    @Test("every file of web/ is embedded as it is now, gzip included")
    func embedded() throws {
        let assets = ConsoleAssets.embeddedAssets.assets
        #expect(Self.webFiles.count > 10 && Self.webFiles.contains("js/app.js"))
        #expect(Set(assets.keys) == Set(Self.webFiles))
        for name in Self.webFiles {
            let onDisk = try Data(contentsOf: URL(fileURLWithPath: ExampleProject.root + "/web/" + name))
            let asset = try #require(assets[name])
            #expect(asset.bytes == onDisk, "\(name) is embedded as it is in web/")
            #expect(try Self.gunzip(asset.gzipped) == onDisk, "\(name)'s gzip copy decompresses to the file")
            #expect(asset.etag.hasPrefix("\"") && asset.etag.count == 18)
        }
        #expect(assets["index.html"]?.contentType == "text/html; charset=utf-8")
        #expect(assets["js/app.js"]?.contentType == "text/javascript; charset=utf-8")
        #expect(assets["css/console.css"]?.contentType == "text/css; charset=utf-8")
        #expect(assets["favicon.svg"]?.contentType == "image/svg+xml")
    }

    @Test("--console-assets-dir: the files of a directory, read as they are, served uncompressed")
    func fromDirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("console-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("js"), withIntermediateDirectories: true)
        try Data("<title>edited</title>".utf8).write(to: directory.appendingPathComponent("index.html"))
        try Data("export const x = 1;".utf8).write(to: directory.appendingPathComponent("js/app.js"))
        let responder = ConsoleResponder(assets: try ConsoleAssets(directory: directory))
        let page = responder.answer(path: "/data/author", ifNoneMatch: nil, acceptEncoding: "gzip")
        #expect(page.status == 200)
        #expect(page.body == Data("<title>edited</title>".utf8))
        #expect(page.headers["content-encoding"] == nil)
        let script = responder.answer(path: "/js/app.js", ifNoneMatch: nil, acceptEncoding: nil)
        #expect(script.headers["content-type"] == "text/javascript; charset=utf-8")
        #expect(script.body == Data("export const x = 1;".utf8))
    }

    @Test("/console answers with content types, revalidates by ETag, and compresses when asked")
    func served() async throws {
        let server = try await ExampleServer.shared(.sqlite)
        try await server.withClient { client in
            let etag = try await client.execute(uri: "/console", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(String(buffer: response.body).contains("<title>ministack console</title>"))
                #expect(response.headers[.cacheControl] == "no-cache")
                return response.headers[.eTag] ?? ""
            }
            try await client.execute(uri: "/console/", method: .get, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
            }
            try await client.execute(uri: "/console/js/api.js", method: .get, headers: [.acceptEncoding: "gzip, br"]) {
                response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentEncoding] == "gzip")
                #expect(response.headers[.contentType] == "text/javascript; charset=utf-8")
                let plain = try Self.gunzip(Data(response.body.readableBytesView))
                #expect(String(decoding: plain, as: UTF8.self).contains("/v1/graphql"))
            }
            try await client.execute(uri: "/console/data/author", method: .get) { response in
                #expect(response.status == .ok, "the console's own routes load the page")
                #expect(String(buffer: response.body).contains("<title>ministack console</title>"))
            }
            try await client.execute(uri: "/console/missing.js", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test("--no-console: nothing under /console")
    func disabled() async throws {
        let server = try await ExampleServer.shared(.sqlite)
        let router = MinistackServer.router(
            engine: server.engine, authenticator: try await Authenticator(adminSecret: nil), console: nil)
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/console", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    static func gunzip(_ data: Data) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(data)
        try input.fileHandleForWriting.close()
        let result = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return result
    }
}
