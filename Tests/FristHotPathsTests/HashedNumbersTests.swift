import Foundation
import FristHotPaths
import FristTesting
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

    @Test("hashes 0 and 1 are filed together: a lookup of either gives both numbers as candidates")
    func zeroAndOne() {
        var index = HashedNumbers()
        index.insert(4, for: 0)
        index.insert(5, for: 1)
        for hash: UInt64 in [0, 1] {
            var numbers: [UInt32] = []
            index.forEach(for: hash) { numbers.append($0) }
            #expect(numbers == [4, 5])
        }
    }

    /// Random pairs, many sharing a hash, past several growths of the table, against a plain
    /// dictionary of arrays: each hash gives exactly its numbers, once each, in filing order.
    @Test("random pairs give the numbers a dictionary of arrays gives")
    func againstAModel() {
        let seed = TestSeed.make("hashed numbers", environment: ProcessInfo.processInfo.environment)
        var generator = SeededGenerator(seed: seed)
        var index = HashedNumbers()
        if Bool.random(using: &generator) { index.reserveCapacity(Int.random(in: 0...5_000, using: &generator)) }
        var model: [UInt64: [UInt32]] = [:]
        let shared = (0..<50).map { _ in UInt64.random(in: 2...UInt64.max, using: &generator) }
        for _ in 0..<20_000 {
            let hash =
                Bool.random(using: &generator)
                ? shared.randomElement(using: &generator)! : UInt64.random(in: 2...UInt64.max, using: &generator)
            let number = UInt32.random(in: 0..<40, using: &generator)
            index.insert(number, for: hash)
            if !(model[hash]?.contains(number) ?? false) { model[hash, default: []].append(number) }
        }
        for (hash, expected) in model {
            var numbers: [UInt32] = []
            index.forEach(for: hash) { numbers.append($0) }
            #expect(numbers == expected, "seed \(seed), hash \(hash)")
            #expect(index.first(for: hash) { $0 == expected.last } == expected.last, "seed \(seed)")
        }
        for _ in 0..<1_000 {
            let hash = UInt64.random(in: 2...UInt64.max, using: &generator)
            guard model[hash] == nil else { continue }
            #expect(index.first(for: hash) { _ in true } == nil, "seed \(seed), hash \(hash)")
        }
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
