public import Foundation
import Glibc
import SystemPackage

/// The maildir-style spool of contract § 2: writers put a file in `tmp/` and rename it into
/// `incoming/`; the service moves each file it has applied to `processed/`, and writes refused
/// lines to `rejected/NAME.rejected.jsonl`.
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

    /// The `*.jsonl` files waiting in `incoming/`, oldest name first (writers that want an order
    /// name their files so; `submit` names them by time).
    public func waitingFiles() throws(FileSystemError) -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: incoming)
        } catch {
            throw FileSystemError("list", path: incoming, reason: error.localizedDescription)
        }
        return names.filter { $0.hasSuffix(".jsonl") && !$0.hasPrefix(".") }.sorted()
    }

    /// A waiting file's contents, or why the file as a whole cannot be taken.
    public enum Contents: Sendable {
        /// The bytes of a regular, readable file within the size limit.
        case bytes([UInt8])
        /// The file cannot be taken (unreadable, not a regular file, too large), in bokmål.
        case refused(String)
    }

    /// Reads `incoming/NAME`.
    public func read(_ name: String) -> Contents {
        let path = incoming + "/" + name
        let descriptor: FileDescriptor
        do {
            descriptor = try FileDescriptor.open(FilePath(path), .readOnly, options: [.nonBlocking, .closeOnExec])
        } catch {
            return .refused("filen kan ikke leses: \(error)")
        }
        defer { try? descriptor.close() }
        var info = stat()
        guard fstat(descriptor.rawValue, &info) == 0 else {
            return .refused("filen kan ikke leses: \(String(cString: strerror(errno)))")
        }
        guard info.st_mode & S_IFMT == S_IFREG else { return .refused("er ikke en vanlig fil") }
        guard info.st_size <= Self.maximumFileBytes else {
            return .refused("filen er \(info.st_size) byte, mer enn grensen på \(Self.maximumFileBytes)")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count: Int
            do {
                count = try buffer.withUnsafeMutableBytes { try descriptor.read(into: $0) }
            } catch {
                return .refused("filen kan ikke leses: \(error)")
            }
            if count == 0 { break }
            bytes += buffer[..<count]
            if bytes.count > Self.maximumFileBytes {
                return .refused("filen er mer enn grensen på \(Self.maximumFileBytes) byte")
            }
        }
        return .bytes(bytes)
    }

    /// Ends the intake of `incoming/NAME`: the refused lines (if any) are written to
    /// `rejected/NAME.rejected.jsonl`, then the file moves to `processed/`. Every step can be
    /// repeated after a crash with the same result.
    public func finish(_ name: String, rejectedLines: String?) throws(FileSystemError) {
        if let rejectedLines {
            try AtomicFile.write(Array(rejectedLines.utf8), to: rejectedReport(for: name), mode: 0o640)
        }
        try AtomicFile.rename(incoming + "/" + name, to: processed + "/" + name)
    }

    /// Moves a file refused as a whole to `rejected/NAME`, with its reason beside it.
    public func reject(_ name: String, report: String) throws(FileSystemError) {
        try AtomicFile.write(Array(report.utf8), to: rejectedReport(for: name), mode: 0o640)
        try AtomicFile.rename(incoming + "/" + name, to: rejected + "/" + name)
    }

    /// `rejected/NAME.rejected.jsonl`.
    public func rejectedReport(for name: String) -> String {
        rejected + "/" + name + ".rejected.jsonl"
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
        let name = "\(stamp)-\(getpid())-\(sequence)-\(base).jsonl"
        let temporary = tmp + "/" + name
        try AtomicFile.write(bytes, to: temporary, mode: 0o640)
        try AtomicFile.rename(temporary, to: incoming + "/" + name)
        return name
    }
}
