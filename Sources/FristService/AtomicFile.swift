import Foundation
import Glibc
public import SystemPackage

/// Writes a whole file so that a reader sees the old contents or the new, never a mix, and a
/// crash leaves one of the two: a temporary file beside it, written and fsynced, renamed over
/// the target, then the directory fsynced so the rename itself is durable.
public enum AtomicFile {
    /// Replaces (or creates) `path` with `bytes`, with permission bits `mode`.
    public static func write(_ bytes: some Collection<UInt8>, to path: String, mode: Int) throws(FileSystemError) {
        try write(to: path, mode: mode) { descriptor in _ = try descriptor.writeAll(bytes) }
    }

    /// Replaces (or creates) `path` with what `produce` writes to the temporary file, for contents
    /// too large to hold in memory at once.
    public static func write(
        to path: String, mode: Int, _ produce: (FileDescriptor) throws -> Void
    ) throws(FileSystemError) {
        let directory = Self.directory(of: path)
        let temporary = "\(directory)/.\(Self.name(of: path)).\(getpid()).tmp"
        do {
            let descriptor = try FileDescriptor.open(
                FilePath(temporary), .writeOnly, options: [.create, .truncate, .closeOnExec],
                permissions: FilePermissions(rawValue: CModeT(mode)))
            try descriptor.closeAfter {
                // The umask must not narrow or widen the mode readers were promised.
                guard fchmod(descriptor.rawValue, mode_t(mode)) == 0 else { throw Errno(rawValue: errno) }
                try produce(descriptor)
                guard fsync(descriptor.rawValue) == 0 else { throw Errno(rawValue: errno) }
            }
        } catch {
            unlink(temporary)
            throw FileSystemError("write", path: temporary, reason: "\(error)")
        }
        do {
            try rename(temporary, to: path)
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Deletes the temporary files that a crash in the middle of `write` left in `directory`
    /// (`.NAME.PID.tmp`); called at start, when no write of this service can be under way.
    public static func removeLeftovers(in directory: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            let pid = name.dropLast(4).split(separator: ".").last
            if pid.map({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) == true { unlink(directory + "/" + name) }
        }
    }

    /// Renames a file durably (the directories of both ends are fsynced).
    public static func rename(_ source: String, to target: String) throws(FileSystemError) {
        guard Glibc.rename(source, target) == 0 else {
            let reason = String(cString: strerror(errno))
            throw FileSystemError("rename", path: "\(source) → \(target)", reason: reason)
        }
        try syncDirectory(Self.directory(of: target))
        if Self.directory(of: source) != Self.directory(of: target) {
            try syncDirectory(Self.directory(of: source))
        }
    }

    /// Makes a directory's entries (creations, renames) durable.
    public static func syncDirectory(_ path: String) throws(FileSystemError) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw FileSystemError("open", path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else {
            throw FileSystemError("fsync", path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// The directory part of a path (`.` for a bare name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last component of a path.
    static func name(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
