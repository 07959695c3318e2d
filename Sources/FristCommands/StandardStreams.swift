import FristService
import Glibc

/// Buffered standard output, written in large blocks so bulk modes stay fast.
final class StandardOutput: @unchecked Sendable {
    /// The process's one standard output (only the main command task writes to it).
    static let shared = StandardOutput()

    private var buffer: [UInt8] = []
    private let limit = 1 << 16

    private init() { buffer.reserveCapacity(limit) }

    /// Appends text, flushing when the buffer is full.
    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= limit { flush() }
    }

    /// Appends bytes, flushing when the buffer is full; as many bytes as the buffer holds or
    /// more are written straight after what is buffered, not copied into it.
    func write(bytes: [UInt8]) {
        guard bytes.count < limit else {
            flush()
            DescriptorOutput.writeAll(bytes, to: 1)
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= limit { flush() }
    }

    /// Writes everything buffered to file descriptor 1.
    func flush() {
        DescriptorOutput.writeAll(buffer, to: 1)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Unbuffered standard error.
enum StandardError {
    /// Writes text to file descriptor 2 at once.
    static func write(_ text: String) {
        DescriptorOutput.writeAll(Array(text.utf8), to: 2)
    }
}

/// Reading standard input line by line.
enum StandardStreams {
    /// Reads standard input to its end and calls `body` with each line (without its newline).
    static func forEachLineOfStandardInput(_ body: (ArraySlice<UInt8>) -> Void) {
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                break
            }
            if count == 0 { break }
            pending.append(contentsOf: chunk[0..<count])
            var lineStart = pending.startIndex
            while let newline = pending[lineStart...].firstIndex(of: UInt8(ascii: "\n")) {
                body(pending[lineStart..<newline])
                lineStart = newline + 1
            }
            pending.removeSubrange(pending.startIndex..<lineStart)
        }
        if !pending.isEmpty { body(pending[...]) }
    }
}
