import Foundation
public import FristEngine

/// The leadership lease in memory, for tests: the same rules as the database's (a holder renews;
/// another takes it once it has run out, with the next term; a batch is sent only with time to
/// spare), on a clock the test moves. Nodes share one `MemoryLease.Table` as they would share a
/// database.
public final class MemoryLease: LeaderLease, @unchecked Sendable {
    /// The shared lease, and the time the nodes see.
    public final class Table: @unchecked Sendable {
        private let lock = NSLock()
        private var holder: String?
        private var term: Int64 = 0
        private var expires = -Double.infinity
        private var renewed = -Double.infinity
        /// The time, in seconds; a test moves it.
        public var now: Double = 0
        /// How long a lease lasts without renewal.
        public let leaseSeconds: Double

        /// An empty table.
        public init(leaseSeconds: Double) { self.leaseSeconds = leaseSeconds }

        func claim(_ node: String) -> LeaseState {
            lock.lock()
            defer { lock.unlock() }
            if holder == node, expires > now {
                expires = now + leaseSeconds
            } else if expires <= now {
                holder = node
                term += 1
                expires = now + leaseSeconds
            } else {
                return LeaseState(holder: holder, term: term, isHolder: false, age: now - renewed)
            }
            renewed = now
            return LeaseState(holder: holder, term: term, isHolder: true, age: 0)
        }

        func mayAct(_ node: String, term asked: Int64) -> Bool {
            lock.lock()
            defer { lock.unlock() }
            return holder == node && term == asked && expires > now + leaseSeconds / 2
        }

        func release(_ node: String, term asked: Int64) {
            lock.lock()
            defer { lock.unlock() }
            if holder == node, term == asked { expires = now }
        }
    }

    /// This node's name.
    public let node: String
    private let table: Table

    /// A node on a shared table.
    public init(node: String, table: Table) {
        self.node = node
        self.table = table
    }

    /// `LeaderLease.claim`, in memory.
    public func claim() throws -> LeaseState { table.claim(node) }

    /// `LeaderLease.beginSending`, in memory.
    public func beginSending(_ alerts: [Alert], term: Int64) throws -> Bool { table.mayAct(node, term: term) }

    /// `LeaderLease.release`, in memory.
    public func release(term: Int64) throws { table.release(node, term: term) }
}
