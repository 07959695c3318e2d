import FristHotPaths
import Testing

@Suite("hashed numbers and the stable hash")
struct HashedNumbersTests {
    @Test("every number filed under a shared hash is kept, once, in filing order")
    func sharedHash() {
        var index = HashedNumbers()
        index.insert(7, for: 1)
        index.insert(9, for: 1)
        index.insert(7, for: 1)
        index.insert(3, for: 2)
        var numbers: [UInt32] = []
        index.forEach(for: 1) { numbers.append($0) }
        #expect(numbers == [7, 9])
        var others: [UInt32] = []
        index.forEach(for: 2) { others.append($0) }
        #expect(others == [3])
        #expect(index.first(for: 1) { $0 > 7 } == 9)
        #expect(index.first(for: 1) { $0 > 9 } == nil)
        #expect(index.first(for: 5) { _ in true } == nil)
    }

    @Test("the stable hash is the same on every run and build: databases hold it")
    func frozen() {
        // FNV-1a 64 with SplitMix64's finaliser; these values may never change.
        // The values are computed independently (a few lines of Python of the same definition).
        #expect(StableHash.of("") == 0xf52a_15e9_a9b5_e89b)
        #expect(StableHash.of("r1") == 0x15d7_ff2b_7619_7532)
        #expect(StableHash.of("H-14568") == 0x237f_53c9_94c6_335a)
        #expect(StableHash.of("r1") == StableHash.of(Array("r1".utf8)))
        #expect(StableHash.of("H-14568") != StableHash.of("H-14569"))
    }
}
