import Foundation

/// Unified diffs of two versions of a file, by `/usr/bin/diff -u` when it exists and by a small
/// line diff of its own otherwise (or when `MINISTACK_BUILTIN_DIFF=1`, which the tests use).
enum MetadataFileDiff {
    static let tool = "/usr/bin/diff"

    /// The diff of `old` and `new` (`nil`: the file is absent on that side) with those labels,
    /// ending in a newline; empty when they are equal.
    static func unified(old: String?, new: String?, oldLabel: String, newLabel: String) throws(CommandFailure)
        -> String
    {
        if old == new { return "" }
        let builtin = ProcessInfo.processInfo.environment["MINISTACK_BUILTIN_DIFF"] == "1"
        if !builtin && FileManager.default.isExecutableFile(atPath: tool) {
            return try external(old: old, new: new, oldLabel: oldLabel, newLabel: newLabel)
        }
        return LineDiff(old: lines(old), new: lines(new)).unified(
            oldLabel: old == nil ? "/dev/null" : oldLabel, newLabel: new == nil ? "/dev/null" : newLabel)
    }

    private static func lines(_ text: String?) -> [Substring] {
        guard let text, !text.isEmpty else { return [] }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if text.hasSuffix("\n") { lines.removeLast() }
        return lines
    }

    private static func external(old: String?, new: String?, oldLabel: String, newLabel: String) throws(CommandFailure)
        -> String
    {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "ministack-diff-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var arguments = ["-u"]
            for (side, text, label) in [("old", old, oldLabel), ("new", new, newLabel)] {
                let file = folder.appendingPathComponent(side)
                if let text { try Data(text.utf8).write(to: file) }
                arguments += ["--label", text == nil ? "/dev/null" : label, text == nil ? "/dev/null" : file.path]
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus <= 1 else {
                throw CommandFailure(
                    message: "\(tool) failed with status \(process.terminationStatus)",
                    exitCode: MetadataExitCode.unusable)
            }
            return String(decoding: data, as: UTF8.self)
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(message: "cannot run \(tool): \(error)", exitCode: MetadataExitCode.unusable)
        }
    }
}

/// A line diff (longest common subsequence) printed as unified hunks with 3 lines of context.
struct LineDiff {
    enum Edit: Equatable {
        case same(Substring)
        case removed(Substring)
        case added(Substring)
    }

    let edits: [Edit]

    init(old: [Substring], new: [Substring]) {
        // lengths[i][j]: the longest common subsequence of old[i...] and new[j...].
        var lengths = Array(repeating: Array(repeating: 0, count: new.count + 1), count: old.count + 1)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                lengths[i][j] = old[i] == new[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var edits: [Edit] = []
        var i = 0
        var j = 0
        while i < old.count || j < new.count {
            if i < old.count && j < new.count && old[i] == new[j] {
                edits.append(.same(old[i]))
                i += 1
                j += 1
            } else if j < new.count && (i == old.count || lengths[i][j + 1] >= lengths[i + 1][j]) {
                edits.append(.added(new[j]))
                j += 1
            } else {
                edits.append(.removed(old[i]))
                i += 1
            }
        }
        self.edits = edits
    }

    func unified(oldLabel: String, newLabel: String, context: Int = 3) -> String {
        let changed = edits.indices.filter { edits[$0] != .same(edits[$0].text) }
        guard !changed.isEmpty else { return "" }
        // Group changes whose context overlaps into hunks of edit indices.
        var hunks: [ClosedRange<Int>] = []
        for index in changed {
            let range = max(0, index - context)...min(edits.count - 1, index + context)
            if let last = hunks.last, range.lowerBound <= last.upperBound + 1 {
                hunks[hunks.count - 1] = last.lowerBound...range.upperBound
            } else {
                hunks.append(range)
            }
        }
        var out = "--- \(oldLabel)\n+++ \(newLabel)\n"
        for hunk in hunks {
            let before = edits[..<hunk.lowerBound]
            let oldStart = before.filter { if case .added = $0 { false } else { true } }.count
            let newStart = before.filter { if case .removed = $0 { false } else { true } }.count
            let body = edits[hunk]
            let oldCount = body.filter { if case .added = $0 { false } else { true } }.count
            let newCount = body.filter { if case .removed = $0 { false } else { true } }.count
            out += "@@ -\(Self.range(oldStart, oldCount)) +\(Self.range(newStart, newCount)) @@\n"
            for edit in body {
                switch edit {
                case .same(let line): out += " \(line)\n"
                case .removed(let line): out += "-\(line)\n"
                case .added(let line): out += "+\(line)\n"
                }
            }
        }
        return out
    }

    /// `start,count` as diff prints it: 1-based, `start` is the line before when `count` is 0.
    private static func range(_ start: Int, _ count: Int) -> String {
        count == 0 ? "\(start),0" : count == 1 ? "\(start + 1)" : "\(start + 1),\(count)"
    }
}

extension LineDiff.Edit {
    var text: Substring {
        switch self {
        case .same(let line), .removed(let line), .added(let line): line
        }
    }
}
