/// A write refused because another node changed the state since this node's engine read it: the
/// engine is rebuilt from the database and the write tried again.
public struct StaleStateError: Error, CustomStringConvertible {
    /// The version this node's engine holds.
    public let known: Int64
    /// The version in the database.
    public let found: Int64

    /// Creates the error.
    public init(known: Int64, found: Int64) {
        self.known = known
        self.found = found
    }

    /// In bokmål, for the log.
    public var description: String {
        "en annen node har endret tilstanden (versjon \(found), denne noden har \(known)); tilstanden leses på nytt"
    }
}
