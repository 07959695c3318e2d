import Dispatch

/// Work cut into parts that run at once, each on a thread of its own
/// (`DispatchQueue.concurrentPerform`): the status count's two halves of the cases, and the lines
/// of a long list in the status document, rendered a batch at a time.
public enum InParallel {
    /// Calls `body` with each part's index and the part, all at once; returns when every call has.
    /// A call changes its own part only, so the parts keep what they hold between calls (a
    /// buffer's capacity, say).
    public static func forEach<Part: Sendable>(_ parts: inout [Part], _ body: @Sendable (Int, inout Part) -> Void) {
        parts.withUnsafeMutableBufferPointer { buffer in
            guard let first = buffer.baseAddress else { return }
            // Each call reaches its own element only, and all of them are done when
            // `concurrentPerform` returns, before the buffer is given back.
            nonisolated(unsafe) let base = first
            DispatchQueue.concurrentPerform(iterations: buffer.count) { index in body(index, &base[index]) }
        }
    }

    /// The `count` parts `body` makes, by index, all made at once.
    public static func map<Part: Sendable>(_ count: Int, _ body: @Sendable (Int) -> Part) -> [Part] {
        var parts = [Part?](repeating: nil, count: count)
        forEach(&parts) { index, part in part = body(index) }
        return parts.map { $0! }
    }
}
