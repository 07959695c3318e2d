import Dispatch
import Foundation
import Testing

@testable import FristService

/// A commit runs on its queue, and what it committed is freed on the thread that waits for it:
/// the commit queue sets the pace of a backlog and should not spend it freeing a file's events.
@Suite("in-flight commit")
struct InFlightCommitTests {
    /// Records the thread its last reference was dropped on.
    final class Payload: @unchecked Sendable {
        let freedOn: FreedOn
        init(_ freedOn: FreedOn) { self.freedOn = freedOn }
        deinit { freedOn.record(pthread_self()) }
    }

    final class FreedOn: @unchecked Sendable {
        private let lock = NSLock()
        private var thread: pthread_t?
        func record(_ thread: pthread_t) { lock.withLock { self.thread = thread } }
        var recorded: pthread_t? { lock.withLock { thread } }
    }

    @Test("the payload is committed on the queue and freed on the waiting thread")
    func freedOnTheWaitingThread() throws {
        let queue = DispatchQueue(label: "test.commit")
        let freedOn = FreedOn()
        let committedOn = FreedOn()
        var commit: InFlightCommit<Payload>? = InFlightCommit(on: queue, committing: Payload(freedOn)) { _ in
            committedOn.record(pthread_self())
        }
        try commit?.wait()
        #expect(freedOn.recorded.map { pthread_equal($0, pthread_self()) != 0 } == true)
        #expect(committedOn.recorded.map { pthread_equal($0, pthread_self()) == 0 } == true)
        commit = nil
        queue.sync {}
    }

    @Test("a failed commit's error comes out of wait, and its payload is freed there too")
    func failureRethrown() {
        struct Full: Error {}
        let freedOn = FreedOn()
        let commit = InFlightCommit(on: DispatchQueue(label: "test.commit"), committing: Payload(freedOn)) { _ in
            throw Full()
        }
        #expect(throws: Full.self) { try commit.wait() }
        #expect(freedOn.recorded.map { pthread_equal($0, pthread_self()) != 0 } == true)
    }
}
