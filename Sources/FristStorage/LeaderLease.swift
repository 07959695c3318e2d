public import FristEngine

/// Leadership among the nodes that share one store: the port the service's cluster role runs on
/// (`PostgresLease` on the shared database, `MemoryLease` for tests). At most one node holds the
/// lease at a time; each new holder gets a higher **term**, the fencing token every alert it sends
/// carries. Only the holder judges the days and sends alerts.
public protocol LeaderLease: AnyObject, Sendable {
    /// This node's name.
    var node: String { get }

    /// Renews the lease when this node holds it, takes it when it has run out; returns who holds
    /// it now. A node that cannot reach the store learns nothing and must act as a standby once
    /// its own lease could have run out.
    func claim() throws -> LeaseState

    /// Before a batch of alerts is sent: checks, in one transaction with marking the batch, that
    /// this node still holds the lease under `term` with time to spare. False when it does not:
    /// nothing may be sent.
    func beginSending(_ alerts: [Alert], term: Int64) throws -> Bool

    /// Gives the lease up (a clean stop), so a standby takes over at once.
    func release(term: Int64) throws
}

/// Who holds the lease, as a claim found it.
public struct LeaseState: Sendable, Equatable {
    /// The holder's name, nil before any node held it.
    public var holder: String?
    /// The current term (0 before any node held it).
    public var term: Int64
    /// Whether the holder is the node that asked.
    public var isHolder: Bool
    /// Seconds since the holder last renewed.
    public var age: Double

    /// Creates a lease state.
    public init(holder: String?, term: Int64, isHolder: Bool, age: Double) {
        self.holder = holder
        self.term = term
        self.isHolder = isHolder
        self.age = age
    }
}
