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

    /// A waiting file's contents, or why it cannot be taken now or ever.
    public enum Contents: Sendable {
        /// The bytes of a regular, readable file within the size limit.
        case bytes([UInt8])
        /// The file cannot be taken, ever (not a regular file, a symbolic link, too large,
        /// unreadable for good), in bokmål: it is moved to `rejected/`.
        case refused(String)
        /// A passing fault (EIO, EMFILE, ENFILE, EAGAIN, ENOSPC, ENOMEM, EINTR): the file stays in
        /// `incoming/` and is tried again later.
        case retry(String)
        /// The file is gone (taken away by someone else between listing and opening).
        case vanished
    }

    /// The error numbers that say "try again later" rather than "this file is bad".
    static let temporaryErrors: Set<Int32> = [EIO, EMFILE, ENFILE, EAGAIN, ENOSPC, ENOMEM, EINTR, EBUSY]

    /// Reads `incoming/NAME` without following a symbolic link (`O_NOFOLLOW`): a link in the
    /// spool is refused, never read, so no writer can make the service read a file it chose.
    public func read(_ name: String) -> Contents {
        let path = incoming + "/" + name
        let descriptor: FileDescriptor
        do {
            descriptor = try FileDescriptor.open(
                FilePath(path), .readOnly, options: [.nonBlocking, .closeOnExec, .noFollow])
        } catch let error as Errno {
            switch error {
            case .tooManySymbolicLinkLevels: return .refused("er en symbolsk lenke; den følges ikke")
            case .noSuchFileOrDirectory: return .vanished
            default: return classify(error, "filen kan ikke åpnes")
            }
        } catch {
            return classify(error, "filen kan ikke åpnes")
        }
        defer { try? descriptor.close() }
        var info = stat()
        guard fstat(descriptor.rawValue, &info) == 0 else {
            return classify(Errno(rawValue: errno), "filen kan ikke leses")
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
                count = try buffer.withUnsafeMutableBytes { try descriptor.read(into: $0, retryOnInterrupt: true) }
            } catch {
                return classify(error, "filen kan ikke leses")
            }
            if count == 0 { break }
            bytes += buffer[..<count]
            if bytes.count > Self.maximumFileBytes {
                return .refused("filen er mer enn grensen på \(Self.maximumFileBytes) byte")
            }
        }
        return .bytes(bytes)
    }

    private func classify(_ error: any Error, _ what: String) -> Contents {
        guard let number = error as? Errno else { return .refused("\(what): \(error)") }
        return Self.temporaryErrors.contains(number.rawValue)
            ? .retry("\(what): \(number)") : .refused("\(what): \(number)")
    }

    /// Ends the intake of `incoming/NAME`: the refused lines (if any) are written to
    /// `rejected/NAME.rejected.jsonl`, then the file moves to `processed/`. Every step can be
    /// repeated after a crash with the same result.
    public func finish(_ name: String, rejectedLines: String?) throws(FileSystemError) {
        if let rejectedLines {
            try AtomicFile.write(Array(rejectedLines.utf8), to: rejectedReport(for: name), mode: 0o640)
        }
        try AtomicFile.rename(incoming + "/" + name, to: processed + "/" + name)
        Self.touch(processed + "/" + name)
    }

    /// Sets a file's times to now without following a link: retention counts from when the
    /// service took the file, not from when its writer made it.
    private static func touch(_ path: String) {
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

    /// Moves a file refused as a whole to `rejected/NAME`, with its reason beside it.
    public func reject(_ name: String, report: String) throws(FileSystemError) {
        try AtomicFile.write(Array(report.utf8), to: rejectedReport(for: name), mode: 0o640)
        try AtomicFile.rename(incoming + "/" + name, to: rejected + "/" + name)
        Self.touch(rejected + "/" + name)
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
