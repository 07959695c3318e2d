import Foundation
import FristFormats
import FristPostgres
import FristStorage
import FristTesting
import Logging
import Testing

/// The leadership lease's one promise, over random races: never two nodes acting (sending a
/// batch) in one term, and no act of an older term after the first act of a newer one. On the
/// real database (two connections, real time, connections cut at random) and in memory (a
/// simulated clock, many more steps).
@Suite("leadership lease")
struct LeaderLeaseTests {
    /// One act: a batch a node was allowed to send, in the order the acts were allowed.
    struct Act: Equatable {
        let node: String
        let term: Int64
    }

    /// The acts break the promise: returns what is wrong, or nil.
    static func violation(_ acts: [Act]) -> String? {
        var holders: [Int64: String] = [:]
        var newest: Int64 = 0
        for (index, act) in acts.enumerated() {
            if let holder = holders[act.term], holder != act.node {
                return "term \(act.term) acted on by \(holder) and \(act.node) (act \(index))"
            }
            holders[act.term] = act.node
            if act.term < newest { return "term \(act.term) acted after term \(newest) (act \(index))" }
            newest = act.term
        }
        return nil
    }

    @Test("the checker finds two leaders in one term, and an old term after a new one")
    func checkerFails() {
        #expect(Self.violation([Act(node: "a", term: 1), Act(node: "b", term: 1)]) != nil)
        #expect(Self.violation([Act(node: "a", term: 2), Act(node: "b", term: 1)]) != nil)
        #expect(Self.violation([Act(node: "a", term: 1), Act(node: "b", term: 2), Act(node: "b", term: 2)]) == nil)
    }

    @Test("two nodes racing on PostgreSQL never act in one term, with connections cut at random")
    func racingOnPostgres() throws {
        let seed = TestSeed.make("leadership lease on PostgreSQL", environment: ProcessInfo.processInfo.environment)
        let server = try PostgresServer.shared.get()
        let url = try PostgresURL(parsing: try server.createDatabase())
        let database = String(url.database)
        let stores = try ["a", "b"].map {
            try PostgresStorage(url: url, node: $0, environment: [:], logger: Logger(label: "test"))
        }
        defer { stores.forEach { $0.close() } }
        let leases = stores.map { PostgresLease(storage: $0, leaseSeconds: 2) }
        /// What the threads record, under its lock.
        final class Record: @unchecked Sendable {
            let lock = NSLock()
            var acts: [Act] = []
            var claims = 0
        }
        let record = Record()
        let lock = record.lock
        let group = DispatchGroup()
        for (index, lease) in leases.enumerated() {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                var random = SeededGenerator(seed: seed &+ UInt64(index))
                var term: Int64 = 0
                // Twelve seconds of racing, longer (up to forty) until the leader has changed at
                // least once: a run that never changed leader would prove nothing.
                let end = Date().addingTimeInterval(12)
                let latest = Date().addingTimeInterval(40)
                func racing() -> Bool {
                    let now = Date()
                    return now < end || (now < latest && lock.withLock { Set(record.acts.map(\.term)).count < 2 })
                }
                while racing() {
                    switch Int.random(in: 0..<10, using: &random) {
                    case 0..<4:
                        if let state = try? lease.claim(), state.isHolder {
                            term = state.term
                            lock.withLock { record.claims += 1 }
                        }
                    case 4..<8:
                        // The check and the record are under one lock, as the journal's order is
                        // the order the sends were allowed in.
                        lock.withLock {
                            if term > 0, (try? lease.beginSending([], term: term)) == true {
                                record.acts.append(Act(node: lease.node, term: term))
                            }
                        }
                    case 8:
                        // A node stalls past its lease (a long pause, a frozen VM): the other
                        // takes over, and the stalled one must not act in its old term.
                        Thread.sleep(forTimeInterval: Double.random(in: 2.2...3.5, using: &random))
                    default:
                        try? server.terminateConnections(database: database)
                    }
                    Thread.sleep(forTimeInterval: Double.random(in: 0...0.2, using: &random))
                }
            }
        }
        group.wait()
        let (acts, claims) = lock.withLock { (record.acts, record.claims) }
        let terms = Set(acts.map(\.term))
        #expect(Self.violation(acts) == nil, "seed \(seed)")
        #expect(terms.count >= 2, "the race never changed leader (seed \(seed)): it proved nothing")
        #expect(claims > 0 && !acts.isEmpty, "seed \(seed)")
    }

    @Test("two nodes racing in memory never act in one term", arguments: 0..<20)
    func racingInMemory(_ round: Int) throws {
        let seed = TestSeed.make(
            "leadership lease in memory \(round)", environment: ProcessInfo.processInfo.environment)
        var random = SeededGenerator(seed: seed)
        let table = MemoryLease.Table(leaseSeconds: 5)
        let leases = ["a", "b"].map { MemoryLease(node: $0, table: table) }
        var terms: [Int64] = [0, 0]
        var acts: [Act] = []
        for _ in 0..<2000 {
            let node = Int.random(in: 0..<2, using: &random)
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<4:
                let state = try leases[node].claim()
                if state.isHolder { terms[node] = state.term }
            case 4..<8:
                if terms[node] > 0, try leases[node].beginSending([], term: terms[node]) {
                    acts.append(Act(node: leases[node].node, term: terms[node]))
                }
            case 8:
                try leases[node].release(term: terms[node])
            default:
                table.now += Double.random(in: 0...4, using: &random)
            }
            table.now += 0.1
        }
        #expect(Self.violation(acts) == nil, "seed \(seed)")
        #expect(Set(acts.map(\.term)).count >= 2, "seed \(seed)")
    }
}
