import CLinuxFiles
public import Foundation
import Glibc

/// Reading a waiting file, and the rule for when a file is complete (docs/operations.md, "When a
/// file is taken"): a file that a writer still holds open for writing is never taken half.
extension SpoolDirectory {
    /// A waiting file's contents, or why it cannot be taken now or ever.
    public enum Contents: Sendable {
        /// The bytes of a regular, readable, complete file within the size limit, and the file as
        /// they were read from it.
        case bytes([UInt8], FileIdentity)
        /// The file cannot be taken, ever (not a regular file, a symbolic link, too large,
        /// unreadable for good), in bokmål: it is moved to `rejected/`.
        case refused(String)
        /// A passing fault (EIO, EMFILE, ENFILE, EAGAIN, ENOSPC, ENOMEM, EINTR): the file stays in
        /// `incoming/` and is tried again later.
        case retry(String)
        /// The file is still being written: it stays in `incoming/` and is looked at again when its
        /// writer closes it (inotify) or after `recheck` seconds.
        case writing(recheck: TimeInterval)
        /// The file is gone (taken away by someone else between listing and opening).
        case vanished
    }

    /// Which file, and which state of it, a read saw: a file that changes after it was read is
    /// never moved as if its new bytes had been judged.
    public struct FileIdentity: Equatable, Sendable {
        let device: UInt64
        let inode: UInt64
        let size: Int64
        let modifiedSeconds: Int
        let modifiedNanoseconds: Int

        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
            size = Int64(info.st_size)
            modifiedSeconds = info.st_mtim.tv_sec
            modifiedNanoseconds = info.st_mtim.tv_nsec
        }

        /// Seconds since the file was last modified, by the system's real clock.
        var age: TimeInterval {
            var now = timespec()
            clock_gettime(CLOCK_REALTIME, &now)
            return Double(now.tv_sec - modifiedSeconds) + Double(now.tv_nsec - modifiedNanoseconds) / 1e9
        }
    }

    /// How long a file must be unchanged before it is taken when the service cannot ask the kernel
    /// whether a writer holds it open (no lease: see `writerHoldsOpen`).
    public static let quietSeconds: TimeInterval = 2
    /// How long a file whose last line has no line break must be unchanged before it is taken when
    /// the kernel cannot be asked: its writer may be in the middle of that line.
    public static let incompleteLineQuietSeconds: TimeInterval = 30

    /// The error numbers that say "try again later" rather than "this file is bad".
    static let temporaryErrors: Set<Int32> = [EIO, EMFILE, ENFILE, EAGAIN, ENOSPC, ENOMEM, EINTR, EBUSY]

    /// Reads `incoming/NAME` without following a symbolic link (`O_NOFOLLOW`): a link in the
    /// spool is refused, never read, so no writer can make the service read a file it chose. A file
    /// still being written is left for later (`.writing`).
    public func read(_ name: SpoolName) -> Contents {
        let descriptor = withPath(incoming, name) { open($0, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW) }
        guard descriptor >= 0 else {
            switch errno {
            case ELOOP: return .refused("er en symbolsk lenke; den følges ikke")
            case ENOENT: return .vanished
            default: return classify(errno, "filen kan ikke åpnes")
            }
        }
        defer { close(descriptor) }
        var before = stat()
        guard fstat(descriptor, &before) == 0 else { return classify(errno, "filen kan ikke leses") }
        guard before.st_mode & S_IFMT == S_IFREG else { return .refused("er ikke en vanlig fil") }
        let writer = Self.writerHoldsOpen(descriptor)
        if writer == true { return .writing(recheck: Self.quietSeconds) }
        let identity = FileIdentity(before)
        if writer == nil, identity.age < Self.quietSeconds {
            return .writing(recheck: Self.quietSeconds - identity.age)
        }
        guard before.st_size <= Self.maximumFileBytes else {
            return .refused("filen er \(before.st_size) byte, mer enn grensen på \(Self.maximumFileBytes)")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(before.st_size))
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return classify(errno, "filen kan ikke leses")
            }
            if count == 0 { break }
            bytes += buffer[..<count]
            if bytes.count > Self.maximumFileBytes {
                return .refused("filen er mer enn grensen på \(Self.maximumFileBytes) byte")
            }
        }
        var after = stat()
        guard fstat(descriptor, &after) == 0 else { return classify(errno, "filen kan ikke leses") }
        // Written to while it was read: read again once it is still.
        guard FileIdentity(after) == identity, bytes.count == Int(after.st_size) else {
            return .writing(recheck: Self.quietSeconds)
        }
        if writer == nil, bytes.last.map({ $0 != UInt8(ascii: "\n") }) == true,
            identity.age < Self.incompleteLineQuietSeconds
        {
            return .writing(recheck: Self.incompleteLineQuietSeconds - identity.age)
        }
        return .bytes(bytes, identity)
    }

    /// Whether another process holds the open file open for writing: true, false, or nil when the
    /// kernel will not say. A read lease (`F_SETLEASE`, `F_RDLCK`) is granted only while no
    /// process has the file open for writing; it is released at once. The kernel grants it only to
    /// the file's owner or to a process with `CAP_LEASE`; the hardened unit gives neither for
    /// integrators' files (`PrivateUsers=yes`), so there the quiet rule of `read` decides.
    static func writerHoldsOpen(_ descriptor: Int32) -> Bool? {
        _ = ignoreLeaseBreaks
        if fristvakt_set_lease(descriptor, fristvakt_read_lease()) == 0 {
            _ = fristvakt_set_lease(descriptor, fristvakt_no_lease())
            return false
        }
        return errno == EAGAIN ? true : nil
    }

    /// A writer that opens the file during the instant the lease is held makes the kernel signal
    /// SIGIO, whose default action ends the process: it is ignored (the lease is released at once).
    private static let ignoreLeaseBreaks: Void = {
        signal(SIGIO, SIG_IGN)
    }()

    private func classify(_ number: Int32, _ what: String) -> Contents {
        let reason = "\(what): \(String(cString: strerror(number)))"
        return Self.temporaryErrors.contains(number) ? .retry(reason) : .refused(reason)
    }
}
