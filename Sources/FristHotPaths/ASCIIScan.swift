/// Whether bytes are ASCII, eight at a time: every line of every event file is asked (valid
/// ASCII is valid UTF-8, and needs no further check).
public enum ASCIIScan {
    /// Whether every byte is below 0x80.
    @inlinable
    public static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var high: UInt64 = 0
        var offset = 0
        while offset + 8 <= bytes.count {
            high |= bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            offset &+= 8
        }
        while offset < bytes.count {
            high |= UInt64(bytes[offset])
            offset &+= 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }
}
