/// A 64-bit FNV-1a digest of a file's bytes with its length: enough to recognise the same spool
/// file again after a crash (it guards against a new file under an old name, not an attacker).
enum Fingerprint {
    /// `length-hexdigest`.
    static func of(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return "\(bytes.count)-" + String(hash, radix: 16)
    }
}
