public import Foundation
import Glibc

/// The service manager's end of sd_notify: a unix datagram socket the test binds and names in
/// `NOTIFY_SOCKET`, collecting every message with the time it came.
public final class ManagerSocket: @unchecked Sendable {
    /// One datagram and when it came.
    public struct Message: Sendable {
        /// When it was received.
        public let time: ContinuousClock.Instant
        /// Its `KEY=value` lines.
        public let fields: [String]
    }

    /// The socket's path (for `NOTIFY_SOCKET`).
    public let path: String
    private let descriptor: Int32
    private let lock = NSLock()
    private var received: [Message] = []

    /// Binds `notify.sock` in `directory` and starts collecting.
    public init(directory: String) throws {
        path = directory + "/notify.sock"
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { throw SocketError(description: "socket: \(errno)") }
        let bound = UnixSocketAddress.with(path) { bind(descriptor, $0, $1) }
        guard bound == 0 else { throw SocketError(description: "bind \(path): \(errno)") }
        let thread = Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
                if count <= 0 { return }
                let text = String(decoding: buffer[..<count], as: UTF8.self)
                let message = Message(
                    time: .now, fields: text.split(separator: "\n").map(String.init))
                lock.withLock { received.append(message) }
            }
        }
        thread.start()
    }

    deinit {
        shutdown(descriptor, Int32(SHUT_RDWR))
        close(descriptor)
        unlink(path)
    }

    /// Every message so far.
    public var messages: [Message] { lock.withLock { received } }

    /// Messages with a field starting with `prefix`.
    public func messages(with prefix: String) -> [Message] {
        messages.filter { $0.fields.contains { $0.hasPrefix(prefix) } }
    }
}

/// A `sockaddr_un` for a path, for `bind` and `connect`.
public enum UnixSocketAddress {
    /// Calls `body` with the address of `path` and its length.
    public static func with<T>(_ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() where index < raw.count - 1 { raw[index] = byte }
        }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                body($0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
    }
}

/// A socket that could not be made or bound.
public struct SocketError: Error, CustomStringConvertible {
    /// What failed, with errno.
    public let description: String
}
