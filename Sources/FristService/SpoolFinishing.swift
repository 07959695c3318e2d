import CLinuxFiles
import FristEngine
import FristFormats
import Glibc
import SystemPackage

/// Where a taken file ends: `processed/` holds exactly the bytes that were judged (identity
/// numbers masked), `rejected/` the refusals, each under a name no earlier file has, so nothing a
/// file with a reused name brings overwrites what an earlier one left.
extension SpoolDirectory {
    /// Where a finished file and its report went.
    public struct Finished: Sendable, Equatable {
        /// The copy in `processed/` (or, for a file refused whole, in `rejected/`).
        public let copy: String
        /// The report of refused lines, when there is one.
        public let report: String?
        /// Whether the file changed after it was read: it stays in `incoming/` and is taken again
        /// (its lines already applied then count as duplicates).
        public let leftWaiting: Bool
    }

    /// Ends the intake of `incoming/NAME`, whose `judged` bytes were read as `identity`: the refused
    /// lines (if any) go to the report `rejected/COPY.rejected.jsonl`, and the judged bytes to
    /// `processed/COPY` (`copy` from `freeName`, chosen at the commit). The
    /// file itself is moved there when it is still as it was read and needs no masking; a file
    /// that holds an identity number is copied masked and deleted; a file written to since it was
    /// read stays in `incoming/`, to be taken again. A crash between two steps is repaired by
    /// doing it again with the same `copy`.
    public func finish(
        _ name: SpoolName, as copy: String, judged: [UInt8], identity: FileIdentity, rejectedLines: String?,
        mask: Bool
    ) throws(FileSystemError) -> Finished {
        let report = rejectedLines.map { _ in rejectedReport(for: copy) }
        if let report, let rejectedLines {
            try AtomicFile.write(Array(rejectedLines.utf8), to: report, mode: 0o640)
        }
        let target = processed + "/" + copy
        let unchanged = self.identity(of: name) == identity
        if unchanged, !mask {
            try moveNoReplace(name, to: target)
            // Written to between the check and the move: back it goes, and the judged bytes alone
            // stay in processed/.
            if Self.identity(ofPath: target) != identity {
                let back = withPath(incoming, name) { fristvakt_rename_noreplace(target, $0) }
                guard back == 0 else {
                    throw FileSystemError(
                        "rename", path: "\(target) → \(incoming)/\(name.display)", reason: Self.lastError)
                }
                try AtomicFile.write(judged, to: target, mode: 0o640)
                return Finished(copy: target, report: report, leftWaiting: true)
            }
        } else {
            try AtomicFile.write(mask ? NationalIdentityNumber.masked(judged) : judged, to: target, mode: 0o640)
            if unchanged {
                _ = withPath(incoming, name) { unlink($0) }
                try AtomicFile.syncDirectory(incoming)
            }
        }
        Self.touch(target)
        return Finished(copy: target, report: report, leftWaiting: !unchanged)
    }

    /// Moves a file refused as a whole to `rejected/`, with its reason beside it. A regular file
    /// is copied with every identity number masked, then deleted; anything else (a link, a FIFO)
    /// is moved as it is, unread.
    public func reject(_ name: SpoolName, report: String) throws(FileSystemError) -> Finished {
        let copy = freeName(for: name.display)
        let reportPath = rejectedReport(for: copy)
        try AtomicFile.write(Array(report.utf8), to: reportPath, mode: 0o640)
        let target = rejected + "/" + copy
        if try !copyMasked(name, to: target) {
            try moveNoReplace(name, to: target)
        }
        Self.touch(target)
        return Finished(copy: target, report: reportPath, leftWaiting: false)
    }

    /// Copies a regular file to `target` a megabyte at a time, masking identity numbers line by
    /// line, then deletes it. Returns false, having done nothing, when it is not a regular file.
    private func copyMasked(_ name: SpoolName, to target: String) throws(FileSystemError) -> Bool {
        let source = withPath(incoming, name) { open($0, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW) }
        guard source >= 0 else { return false }
        defer { close(source) }
        var info = stat()
        guard fstat(source, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return false }
        try AtomicFile.write(to: target, mode: 0o640) { output in
            // The bytes read but not yet written: the start of a line whose end has not come. A
            // line is masked once it is whole (or at 16 MiB, far past any event line).
            var pending: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            while true {
                let count = buffer.withUnsafeMutableBytes { Glibc.read(source, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count >= 0 else { throw Errno(rawValue: errno) }
                pending += buffer[..<count]
                let whole =
                    count == 0 || pending.count > 16 << 20
                    ? pending.endIndex : (pending.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0)
                if whole > 0 {
                    _ = try output.writeAll(NationalIdentityNumber.masked(pending[..<whole]))
                    pending.removeFirst(whole)
                }
                if count == 0 { break }
            }
        }
        _ = withPath(incoming, name) { unlink($0) }
        try AtomicFile.syncDirectory(incoming)
        return true
    }

    /// `rejected/NAME.rejected.jsonl`: the report of the first file taken under `NAME` (a later
    /// file with the same name gets the next free name, see `freeName`).
    public func rejectedReport(for name: String) -> String {
        rejected + "/" + name + ".rejected.jsonl"
    }

    /// The first of `NAME`, `STEM.2.jsonl`, `STEM.3.jsonl`, … (for `STEM.jsonl`, and so for any
    /// source's extension) that names nothing in `processed/` or `rejected/`, neither a copy nor
    /// a report.
    func freeName(for name: String) -> String {
        let ending = EventSources.source(forName: name.utf8)?.fileExtension ?? ""
        let stem = String(name.dropLast(ending.count))
        var ordinal = 1
        while true {
            let candidate = ordinal == 1 ? name : "\(stem).\(ordinal)\(ending)"
            let paths: [String] = [
                processed + "/" + candidate, rejected + "/" + candidate, rejectedReport(for: candidate),
            ]
            // Only an existing entry takes a name: any other error (processed/ unreadable, say)
            // comes from the write or move that follows, with its path.
            let taken = paths.contains { path in access(path, F_OK) == 0 }
            if !taken { return candidate }
            ordinal += 1
        }
    }

    /// Renames `incoming/NAME` to `target`, failing rather than replacing a file already there.
    private func moveNoReplace(_ name: SpoolName, to target: String) throws(FileSystemError) {
        let moved = withPath(incoming, name) { fristvakt_rename_noreplace($0, target) }
        guard moved == 0 else {
            throw FileSystemError("rename", path: "\(incoming)/\(name.display) → \(target)", reason: Self.lastError)
        }
        try AtomicFile.syncDirectory(AtomicFile.directory(of: target))
        try AtomicFile.syncDirectory(incoming)
    }

    /// The file `incoming/NAME` is now, or nil when it is gone.
    func identity(of name: SpoolName) -> FileIdentity? {
        withPath(incoming, name) { Self.identity(ofPath: $0) }
    }

    private static func identity(ofPath path: UnsafePointer<CChar>) -> FileIdentity? {
        var info = stat()
        return lstat(path, &info) == 0 ? FileIdentity(info) : nil
    }

    private static var lastError: String { String(cString: strerror(errno)) }
}
