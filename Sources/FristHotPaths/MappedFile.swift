#if canImport(Glibc)
    import Glibc
#endif

/// A file mapped read-only into memory, whose pages already read can be given back while the
/// rest is still being read: a 200 MB event file is then never resident as a whole.
///
/// The pages given back are read again from the file if touched, so what was read stays valid.
/// The file must not shrink while mapped (a read past its new end is a SIGBUS): fit for the
/// files a command is given, not for the service's spool.
public final class MappedFile: @unchecked Sendable {
    /// The file's bytes.
    public let bytes: UnsafeRawBufferPointer
    private var released = 0
    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Maps the file at `path`; nil when it cannot be opened or mapped (an empty file, a pipe),
    /// with `errno` set, so the caller reads it instead.
    public init?(path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, status.st_size > 0 else {
            return nil
        }
        let count = Int(status.st_size)
        guard let base = mmap(nil, count, PROT_READ, MAP_PRIVATE, descriptor, 0), base != MAP_FAILED else {
            return nil
        }
        _ = madvise(base, count, MADV_SEQUENTIAL)
        bytes = UnsafeRawBufferPointer(start: base, count: count)
    }

    /// Gives back the resident pages wholly before `offset` (they are read again if touched).
    public func release(upTo offset: Int) {
        let end = offset / Self.pageSize * Self.pageSize
        guard end > released, let base = bytes.baseAddress else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + released), end - released, MADV_DONTNEED)
        released = end
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }
}
