/// The byte format of persisted state: unsigned LEB128 integers, zigzag for signed ones, bytes as
/// a length and the bytes, and bytes or integers of flags for groups of optional parts. Compact,
/// and the same value always gives the same bytes, so two states compare by their bytes. The
/// engine writes its types (dates, rules, ids) on top of these (`StateWriter`).
public struct ByteWriter: Sendable {
    /// What was written.
    public var bytes: [UInt8] { written }
    @usableFromInline var written: [UInt8] = []

    /// An empty writer.
    public init() {}

    /// An unsigned integer, 7 bits a byte, in its fewest bytes.
    @inlinable
    public mutating func unsigned(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        append(UInt8(value))
    }

    /// A signed integer, zigzag-coded so that small negative numbers stay short.
    @inlinable
    public mutating func int(_ value: Int) {
        unsigned(UInt64(bitPattern: Int64((value << 1) ^ (value >> 63))))
    }

    /// 0 or 1.
    @inlinable
    public mutating func bool(_ value: Bool) { append(value ? 1 : 0) }

    /// One byte as it is.
    @inlinable
    public mutating func byte(_ value: UInt8) { append(value) }

    /// A length, then the bytes.
    @inlinable
    public mutating func lengthPrefixed(_ value: UnsafeBufferPointer<UInt8>) {
        unsigned(UInt64(value.count))
        written.append(contentsOf: value)
    }

    @usableFromInline
    mutating func append(_ byte: UInt8) { written.append(byte) }
}

/// Why bytes could not be read: they are never misread, only refused.
public struct ByteFormatError: Error, CustomStringConvertible {
    /// What was wrong.
    public let description: String

    /// Creates the error.
    public init(description: String) { self.description = description }
}

/// Reads what `ByteWriter` wrote, refusing anything short, overlong or out of range. It reads
/// borrowed memory (a database row's, during a restart), so it must not outlive the buffer.
public struct ByteReader {
    @usableFromInline let bytes: UnsafeRawBufferPointer
    @usableFromInline var offset = 0

    /// A reader at the start of `bytes`.
    public init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// Whether every byte has been read.
    public var isAtEnd: Bool { offset == bytes.count }

    /// An unsigned integer.
    @inlinable
    public mutating func unsigned() throws(ByteFormatError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count, shift < 64 else { throw ByteFormatError(description: "truncated integer") }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// A signed integer.
    @inlinable
    public mutating func int() throws(ByteFormatError) -> Int {
        let raw = try unsigned()
        return Int(truncatingIfNeeded: Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1))))
    }

    /// 0 or 1; any other byte is refused.
    @inlinable
    public mutating func bool() throws(ByteFormatError) -> Bool {
        switch try byte() {
        case 0: false
        case 1: true
        case let other: throw ByteFormatError(description: "bad flag \(other)")
        }
    }

    /// A byte of flags, refused when it sets a bit outside `allowed`.
    @inlinable
    public mutating func flags(allowed: UInt8) throws(ByteFormatError) -> UInt8 {
        let flags = try byte()
        guard flags & ~allowed == 0 else { throw ByteFormatError(description: "unknown flags \(flags)") }
        return flags
    }

    /// A bit mask written as an unsigned integer, refused when it sets a bit outside `allowed` or
    /// is not written in its fewest bytes (each state has one form).
    @inlinable
    public mutating func mask(allowed: UInt64) throws(ByteFormatError) -> UInt64 {
        let start = offset
        let mask = try unsigned()
        guard mask & ~allowed == 0 else { throw ByteFormatError(description: "unknown flags \(mask)") }
        guard offset - start == 1 || bytes[offset - 1] != 0 else {
            throw ByteFormatError(description: "a mask not in its fewest bytes")
        }
        return mask
    }

    /// A non-negative count no larger than what the bytes left could hold.
    @inlinable
    public mutating func count() throws(ByteFormatError) -> Int {
        let value = try unsigned()
        guard value <= UInt64(bytes.count - offset) else { throw ByteFormatError(description: "count too large") }
        return Int(value)
    }

    /// One byte as it is.
    @inlinable
    public mutating func byte() throws(ByteFormatError) -> UInt8 {
        guard offset < bytes.count else { throw ByteFormatError(description: "truncated") }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// A length and the bytes after it, borrowed from the buffer.
    @inlinable
    public mutating func lengthPrefixed() throws(ByteFormatError) -> UnsafeRawBufferPointer {
        let count = try unsigned()
        guard count <= UInt64(bytes.count - offset) else { throw ByteFormatError(description: "truncated string") }
        let end = offset + Int(count)
        defer { offset = end }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<end])
    }
}
