import FristHotPaths
import Glibc
import Testing

/// A mapped file reads as the file, before and after its pages are given back; what cannot be
/// mapped (an empty file, a missing one, a device or pipe) is left to the caller to read.
@Suite("mapped file")
struct MappedFileTests {
    static func temporaryFile(_ bytes: [UInt8]) -> String {
        var template = Array("/tmp/mapped-XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        precondition(descriptor >= 0)
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        return String(cString: template)
    }

    @Test("the bytes are the file's, and stay so after the pages before an offset are given back")
    func givesBackPages() throws {
        // Three and a half pages of a pattern no two pages share.
        let bytes = (0..<(4096 * 7 / 2)).map { UInt8(truncatingIfNeeded: $0 * 7 + $0 / 4096) }
        let path = Self.temporaryFile(bytes)
        defer { unlink(path) }
        let file = try #require(MappedFile(path: path))
        #expect(Array(file.bytes) == bytes)
        file.release(upTo: 4096 * 2 + 100)
        file.release(upTo: 10)  // behind what was given back: nothing
        #expect(Array(file.bytes) == bytes, "pages given back are read again from the file")
        file.release(upTo: bytes.count)
        #expect(Array(file.bytes) == bytes)
    }

    @Test("an empty file, a missing one and a device are not mapped")
    func notMapped() {
        let empty = Self.temporaryFile([])
        defer { unlink(empty) }
        #expect(MappedFile(path: empty) == nil)
        #expect(MappedFile(path: "/nonexistent/file") == nil)
        #expect(MappedFile(path: "/dev/null") == nil)
    }
}
