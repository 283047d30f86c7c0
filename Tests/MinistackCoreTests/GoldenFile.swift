import Foundation
import MinistackTesting
import Testing

/// Compares text with a checked-in expected file; `MINISTACK_RECORD=1` rewrites the file and
/// fails the run that recorded it, and is refused when `CI` is set.
enum GoldenFile {
    static let root = ExampleProject.root + "/Tests/MinistackCoreTests/Golden"

    static var isRecording: Bool { ProcessInfo.processInfo.environment["MINISTACK_RECORD"] == "1" }

    static func check(_ actual: String, against path: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = try? String(contentsOfFile: path, encoding: .utf8)
        if isRecording {
            if ProcessInfo.processInfo.environment["CI"] != nil {
                Issue.record("MINISTACK_RECORD is refused when CI is set", sourceLocation: sourceLocation)
                return
            }
            if expected != actual {
                try? FileManager.default.createDirectory(
                    atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try? actual.write(toFile: path, atomically: true, encoding: .utf8)
                Issue.record(
                    "recorded \(path); review the diff and run again without MINISTACK_RECORD",
                    sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected else {
            Issue.record(
                "missing expected file \(path) (run with MINISTACK_RECORD=1 to create it)",
                sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "\(path) differs:\n\(actual)", sourceLocation: sourceLocation)
    }
}
