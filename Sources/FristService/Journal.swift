import CSystemd
import Glibc

/// Writes structured entries to journald through libsystemd's native protocol
/// (`sd_journal_sendv`; `sd_journal_send` is variadic and cannot be called from Swift), or as one
/// logfmt line each on stderr where no journal socket exists (a laptop, a container): the journal
/// port's real adapter.
public struct Journal: JournalSink {
    /// Where entries go.
    public enum Destination: Sendable, Equatable {
        /// journald's native socket.
        case journal
        /// stderr, one logfmt line per entry.
        case standardError
    }

    /// journald's native socket, which libsystemd writes to.
    public static let socketPath = "/run/systemd/journal/socket"

    /// Where this journal writes.
    public let destination: Destination

    /// The journal when its socket exists, else stderr.
    public init() {
        destination = access(Self.socketPath, W_OK) == 0 ? .journal : .standardError
    }

    /// A journal with a fixed destination.
    public init(destination: Destination) {
        self.destination = destination
    }

    /// Whether entries go to stderr as logfmt lines.
    public var writesLogfmtLines: Bool { destination == .standardError }

    /// Sends one entry. Field names must be `[A-Z0-9_]` (journald drops others silently). When
    /// journald refuses the entry it is written to stderr instead, so it is never lost.
    public func send(_ fields: [(name: String, value: String)]) {
        if destination == .journal, Self.sendNative(fields) { return }
        DescriptorOutput.writeAll(Array((Self.logfmt(fields) + "\n").utf8), to: 2)
    }

    private static func sendNative(_ fields: [(name: String, value: String)]) -> Bool {
        // One buffer holds every NAME=value; the iovecs point into it.
        var buffer: [UInt8] = []
        var ranges: [Range<Int>] = []
        for (name, value) in fields {
            let start = buffer.count
            buffer += name.utf8
            buffer.append(UInt8(ascii: "="))
            buffer += value.utf8
            ranges.append(start..<buffer.count)
        }
        return buffer.withUnsafeMutableBytes { bytes in
            let vectors = ranges.map { range in
                iovec(iov_base: bytes.baseAddress! + range.lowerBound, iov_len: range.count)
            }
            return vectors.withUnsafeBufferPointer { sd_journal_sendv($0.baseAddress, Int32($0.count)) } >= 0
        }
    }

    /// `name=value` pairs, names in lower case without the `FRIST_` prefix, values quoted when
    /// they hold a space, a quote, an equals sign or nothing.
    public static func logfmt(_ fields: [(name: String, value: String)]) -> String {
        // Bytes, not characters: a backlog writes a line per alert, and every byte that needs
        // care (space, `=`, quote, backslash, newline) is ASCII, so UTF-8 is copied as it is.
        var line: [UInt8] = []
        line.reserveCapacity(fields.reduce(fields.count) { $0 + $1.name.utf8.count + $1.value.utf8.count + 2 })
        for (index, field) in fields.enumerated() {
            if index > 0 { line.append(UInt8(ascii: " ")) }
            appendKey(field.name, to: &line)
            line.append(UInt8(ascii: "="))
            appendQuoted(field.value, to: &line)
        }
        return String(decoding: line, as: UTF8.self)
    }

    /// The field's name in lower case, without `FRIST_`; `message` as `msg`.
    private static func appendKey(_ name: String, to line: inout [UInt8]) {
        var name = name
        name.withUTF8 { bytes in
            var key = bytes[...]
            if key.count >= 6, zip(key, "frist_".utf8).allSatisfy({ lowercase($0) == $1 }) { key = key.dropFirst(6) }
            if key.count == 7, zip(key, "message".utf8).allSatisfy({ lowercase($0) == $1 }) {
                line.append(contentsOf: "msg".utf8)
            } else {
                for byte in key { line.append(lowercase(byte)) }
            }
        }
    }

    private static func lowercase(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    /// The value as it is, or in quotes (quote, backslash and newline escaped) when it holds a
    /// space, a quote, an equals sign or a newline, or nothing.
    private static func appendQuoted(_ value: String, to line: inout [UInt8]) {
        var value = value
        value.withUTF8 { bytes in
            let needsQuotes =
                bytes.isEmpty
                || bytes.contains {
                    $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: "\"")
                        || $0 == UInt8(ascii: "\n")
                }
            guard needsQuotes else {
                line.append(contentsOf: bytes)
                return
            }
            line.append(UInt8(ascii: "\""))
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\""): line.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): line.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case UInt8(ascii: "\n"): line.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                default: line.append(byte)
                }
            }
            line.append(UInt8(ascii: "\""))
        }
    }

    /// Maps a metadata key to a journal field name: upper case, `[A-Z0-9_]` only, not starting
    /// with `_` (reserved for trusted fields) or a digit.
    public static func fieldName(_ key: String) -> String {
        var name = String(
            key.uppercased().unicodeScalars.map { scalar -> Character in
                ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) ? Character(scalar) : "_"
            })
        while name.hasPrefix("_") { name.removeFirst() }
        if name.isEmpty || name.first!.isNumber { name = "F" + name }
        return name
    }
}
