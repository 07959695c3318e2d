import Testing

@testable import FristFormats

/// A long array of written elements is rendered two batches at once on two threads
/// (`JSONNode.writeLines`): its bytes must be those the one-thread writer gives the same
/// elements, whatever the length (below the parallel threshold, at it, and past whole batches by
/// a remainder), whole and in pieces cut between elements.
@Suite("status document: long written arrays")
struct WrittenArrayTests {
    /// An object holding `count` numbered elements, written by `writtenArray`, and the same made
    /// one node at a time by `lazyArray` (the generic writer, never in parallel).
    static func documents(count: Int) -> (written: JSONNode, generic: JSONNode) {
        @Sendable func text(_ index: Int) -> String { "clock \(index) " + String(repeating: "x", count: index % 13) }
        let written = JSONNode.writtenArray(count: count, onTwoThreads: true) { index, output in
            JSONNode.quote(text(index), into: &output)
        }
        let generic = JSONNode.lazyArray(count: count) { .string(text($0)) }
        return (.object([("before", .int(1)), ("open", written)]), .object([("before", .int(1)), ("open", generic)]))
    }

    @Test(
        "the same bytes as the one-thread writer, whole and in pieces",
        arguments: [0, 1, 16_383, 16_384, 16_385, 32_768, 3 * 8192 + 123])
    func sameBytes(count: Int) {
        let (written, generic) = Self.documents(count: count)
        let expected = generic.renderedBytes()
        #expect(written.renderedBytes() == expected, "\(count) elements, whole")
        var pieces: [[UInt8]] = []
        written.render(chunkBytes: 1 << 16) { pieces.append($0) }
        #expect(Array(pieces.joined()) == expected, "\(count) elements, in pieces")
        // Each piece but the last is cut at the first element's end past the piece's size.
        #expect(pieces.count == expected.count / (1 << 16) + 1 || pieces.count == expected.count / (1 << 16))
        #expect(pieces.dropLast().allSatisfy { $0.count >= 1 << 16 && $0.count < (1 << 16) + 64 })
    }
}
