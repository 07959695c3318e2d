import Foundation

/// Chunks passed in order from one producer thread to the consuming thread, at most `capacity`
/// waiting at a time (so a fast producer holds little memory). Either side can end the exchange
/// early: the producer with an error, the consumer by cancelling. A large event file is decoded
/// ahead this way (`EventFile`), and so is the persisted state at a restart (`SQLiteStorage`).
public final class ChunkHandoff<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var waiting: [[Element]] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false
    private let capacity: Int

    /// A handoff holding at most `capacity` waiting chunks.
    public init(capacity: Int = 2) { self.capacity = capacity }

    /// Producer: hands a chunk over, waiting while `capacity` chunks wait; false once cancelled.
    public func put(_ chunk: [Element]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while waiting.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        waiting.append(chunk)
        condition.broadcast()
        return true
    }

    /// Producer: no more chunks; `error` if it stopped on one.
    public func finish(_ error: (any Error)?) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// Consumer: the next chunk in order, nil when the producer finished (throws its error).
    public func take() throws -> [Element]? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty && !finished { condition.wait() }
        if !waiting.isEmpty {
            let chunk = waiting.removeFirst()
            condition.broadcast()
            return chunk
        }
        if let failure { throw failure }
        return nil
    }

    /// Consumer: stop the producer (it sees `false` from its next `put`).
    public func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}

/// What a producer throws to stop when the consumer cancelled.
public struct ChunkHandoffCancelled: Error {
    /// The error.
    public init() {}
}
