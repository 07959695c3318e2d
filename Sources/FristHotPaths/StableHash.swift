/// A 64-bit hash of a byte string that never changes between builds, runs or machines (unlike
/// `Hasher`, which is seeded per process): a store may write it down. FNV-1a over the bytes,
/// then SplitMix64's finaliser so that the low bits of keys differing only at their end differ
/// too. Not a cryptographic hash: where two keys share a hash, the caller checks the keys.
public enum StableHash {
    /// The hash of `bytes`. Frozen: databases hold it, so a change needs a migration.
    @inlinable
    public static func of(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        hash ^= hash >> 30
        hash &*= 0xbf58_476d_1ce4_e5b9
        hash ^= hash >> 27
        hash &*= 0x94d0_49bb_1331_11eb
        return hash ^ (hash >> 31)
    }

    /// The hash of a string's UTF-8 bytes.
    @inlinable
    public static func of(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { of($0) }
    }
}
