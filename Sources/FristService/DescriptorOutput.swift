import Glibc

/// Whole buffers to raw file descriptors (stdout, stderr), retrying short writes and EINTR. A
/// line written in one call does not interleave with another thread's line in practice, as
/// the journal fallback and the commands' stderr need.
public enum DescriptorOutput {
    /// Writes every byte of `bytes` to `descriptor`.
    public static func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}
