public import Foundation
import FristFormats
import Glibc
import SystemPackage

/// The maildir-style spool (docs/operations.md, "The spool"): writers put a file in `tmp/` and
/// rename it into `incoming/`; the service takes each complete file, keeps the bytes it judged in
/// `processed/` and the refused lines in a report in `rejected/` (SpoolFinishing.swift), under
/// names no earlier file has.
public struct SpoolDirectory: Sendable {
    /// The spool's root.
    public let root: String
    /// Files larger than this are refused as a whole (and moved to `rejected/`).
    public static let maximumFileBytes = 64 * 1024 * 1024

    /// A spool at `root`.
    public init(root: String) {
        self.root = root
    }

    /// Where writers prepare files.
    public var tmp: String { root + "/tmp" }
    /// Where finished files wait for the service.
    public var incoming: String { root + "/incoming" }
    /// Where applied files go.
    public var processed: String { root + "/processed" }
    /// Where refusals go.
    public var rejected: String { root + "/rejected" }

    /// Creates the four folders when missing.
    public func prepare() throws(FileSystemError) {
        for folder in [root, tmp, incoming, processed, rejected] {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw FileSystemError("mkdir", path: folder, reason: error.localizedDescription)
            }
        }
    }

    /// The files waiting in `incoming/` that an event source takes (`*.jsonl`), in the order of their names' bytes. Names are
    /// read as bytes (`readdir`), so a name that is not UTF-8 is listed, and taken, like any other.
    public func waitingFiles() throws(FileSystemError) -> [SpoolName] {
        guard let directory = opendir(incoming) else {
            throw FileSystemError("list", path: incoming, reason: String(cString: strerror(errno)))
        }
        defer { closedir(directory) }
        var names: [SpoolName] = []
        while let entry = readdir(directory) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            guard EventSources.source(forName: bytes) != nil else { continue }
            names.append(SpoolName(bytes: bytes))
        }
        return names.sorted()
    }

    /// Calls `body` with the NUL-terminated path of `name` in `folder`, made of the name's bytes.
    func withPath<Result>(
        _ folder: String, _ name: SpoolName, _ body: (UnsafePointer<CChar>) throws -> Result
    ) rethrows -> Result {
        let bytes = Array(folder.utf8) + [UInt8(ascii: "/")] + name.bytes + [0]
        return try bytes.withUnsafeBufferPointer { buffer in
            try buffer.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
        }
    }

    /// Sets a file's times to now without following a link: retention counts from when the
    /// service took the file, not from when its writer made it.
    static func touch(_ path: String) {
        _ = utimensat(AT_FDCWD, path, nil, AT_SYMLINK_NOFOLLOW)
    }

    /// Deletes the entries of `processed/` and `rejected/` older than their retention (nil: kept
    /// forever). Returns how many were deleted from each.
    public func prune(
        processedOlderThan processedCutoff: Date?, rejectedOlderThan rejectedCutoff: Date?
    ) -> (processed: Int, rejected: Int) {
        (Self.prune(processed, olderThan: processedCutoff), Self.prune(rejected, olderThan: rejectedCutoff))
    }

    private static func prune(_ folder: String, olderThan cutoff: Date?) -> Int {
        guard let cutoff, let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return 0 }
        var deleted = 0
        for name in names where !name.hasPrefix(".") {
            let path = folder + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT != S_IFDIR else { continue }
            let modified = Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec))
            if modified < cutoff, unlink(path) == 0 { deleted += 1 }
        }
        return deleted
    }

    /// Places a validated file in the spool the maildir way (write to `tmp/`, fsync, rename into
    /// `incoming/`), under a name that sorts by submission time and cannot collide (time, process
    /// and the file's place in its submission). Returns the name.
    public func place(
        _ bytes: [UInt8], originalName: String, now: Date, sequence: Int
    ) throws(FileSystemError) -> String {
        let stamp = Int64((now.timeIntervalSince1970 * 1_000_000).rounded(.down))
        var base = AtomicFile.name(of: originalName)
        if base.hasSuffix(".jsonl") { base.removeLast(6) }
        base = String(base.map { $0.isLetter || $0.isNumber || "._-".contains($0) ? $0 : "_" }.prefix(80))
        // The sequence is zero-padded so that names sort in the order of the submission.
        let name =
            "\(stamp)-\(getpid())-" + String(repeating: "0", count: max(0, 6 - String(sequence).count))
            + "\(sequence)-\(base).jsonl"
        let temporary = tmp + "/" + name
        try AtomicFile.write(bytes, to: temporary, mode: 0o640)
        try AtomicFile.rename(temporary, to: incoming + "/" + name)
        return name
    }

    /// `bytes` cut into parts of at most `maximumBytes`, each ending at a line break (a line is
    /// never longer than `EventDecoder.maximumLineBytes`, far below the limit).
    public static func parts(
        of bytes: [UInt8], maximumBytes: Int = maximumFileBytes
    ) -> [ArraySlice<UInt8>] {
        var parts: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        while bytes.endIndex - start > maximumBytes {
            let window = bytes[start..<(start + maximumBytes)]
            guard let lastBreak = window.lastIndex(of: UInt8(ascii: "\n")) else { break }
            parts.append(bytes[start...lastBreak])
            start = lastBreak + 1
        }
        parts.append(bytes[start...])
        return parts
    }
}
