import Dispatch
import Glibc

/// Wakes the service when a file arrives in `incoming/` (inotify: a rename into the folder, or a
/// file closed after writing), so intake is prompt without a polling loop.
/// `@unchecked Sendable`: the dispatch source is thread-safe, and `stop` only cancels it.
final class SpoolWatcher: @unchecked Sendable {
    private let source: any DispatchSourceRead

    /// Watches `folder`; `onChange` runs on a private queue after each burst of events.
    init(folder: String, onChange: @escaping @Sendable () -> Void) throws(FileSystemError) {
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else {
            throw FileSystemError("inotify_init1", path: folder, reason: String(cString: strerror(errno)))
        }
        let mask = UInt32(IN_MOVED_TO | IN_CLOSE_WRITE)
        guard inotify_add_watch(descriptor, folder, mask) >= 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw FileSystemError("inotify_add_watch", path: folder, reason: reason)
        }
        let source = DispatchSource.makeReadSource(
            fileDescriptor: descriptor, queue: DispatchQueue(label: "fristvakt.spool-watcher"))
        source.setEventHandler {
            // Drain every queued event; which file it was does not matter, the service lists
            // the folder.
            var buffer = [UInt8](repeating: 0, count: 4096)
            while buffer.withUnsafeMutableBytes({ read(descriptor, $0.baseAddress, $0.count) }) > 0 {}
            onChange()
        }
        source.setCancelHandler { close(descriptor) }
        source.resume()
        self.source = source
    }

    /// Stops watching and closes the descriptor.
    func stop() {
        source.cancel()
    }
}
