import FristHotPaths
import Testing

/// Sorting by a key, a text's first eight bytes and the caller's full comparison gives the order
/// of a plain sort by (key, text bytes), with equal elements in their order before.
@Suite("Prefix sort")
struct PrefixSortTests {
    @Test("the order of a plain sort by key and text, over texts that share long prefixes")
    func plainOrder() {
        // Texts of every length up to twelve over two letters: many share their first eight bytes,
        // some are prefixes of others, and the keys collide often.
        var generator = SystemRandomNumberGenerator()
        let texts = (0..<3_000).map { _ in
            String((0..<Int.random(in: 0...12, using: &generator)).map { _ in Bool.random() ? "a" : "b" })
        }
        let keys = texts.map { _ in UInt64.random(in: 0...3, using: &generator) }
        let bytes = texts.map { Array($0.utf8) }
        let order = PrefixSort.order(
            count: texts.count, key: { keys[$0] }, prefix: { prefix(texts[$0]) },
            precedes: { bytes[$0].lexicographicallyPrecedes(bytes[$1]) })
        let expected = texts.indices.sorted {
            (keys[$0], texts[$0], $0) < (keys[$1], texts[$1], $1)
        }
        #expect(order == expected)
    }

    @Test("a prefix orders as the bytes do; a signed key keeps its order unsigned")
    func prefixAndSigned() {
        #expect(prefix("") < prefix("a"))
        #expect(prefix("a") < prefix("ab"))
        #expect(prefix("abcdefgh1") == prefix("abcdefgh2"))
        #expect(prefix("B") < prefix("a"))
        let values: [Int32] = [.min, -400, -1, 0, 1, 400, .max]
        #expect(values.map(PrefixSort.ordered) == values.map(PrefixSort.ordered).sorted())
    }

    /// `PrefixSort.prefix` of a string's UTF-8.
    private func prefix(_ text: String) -> UInt64 {
        Array(text.utf8).withUnsafeBufferPointer(PrefixSort.prefix)
    }
}
