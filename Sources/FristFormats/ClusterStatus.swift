/// A node's place in a cluster, as its status file and metrics show it (docs/operations.md).
public struct ClusterStatus: Sendable, Equatable {
    /// A node's role.
    public enum Role: String, Sendable {
        /// Holds the lease: judges the days and sends alerts.
        case leader
        /// Takes its spool in and follows the shared state; takes over when the lease runs out.
        case standby
    }

    /// This node's name.
    public var node: String
    /// Its role.
    public var role: Role
    /// The lease's term as this node last saw it.
    public var term: Int64
    /// The holder of the lease, nil before any node held it.
    public var leader: String?
    /// Seconds since the holder last renewed the lease, as last seen.
    public var leaseAge: Double
    /// Changes of leader this node has seen since it started.
    public var leaderChanges: Int

    /// Creates a cluster status.
    public init(node: String, role: Role, term: Int64, leader: String?, leaseAge: Double, leaderChanges: Int) {
        self.node = node
        self.role = role
        self.term = term
        self.leader = leader
        self.leaseAge = leaseAge
        self.leaderChanges = leaderChanges
    }
}
