/// Where the service's structured entries go (the journal port): each alert, and each record of
/// its own log, as fields named `[A-Z0-9_]`. `Journal` writes them to journald (or as logfmt
/// lines on stderr where no journal runs); `MemoryJournal` keeps them, for tests.
public protocol JournalSink: Sendable {
    /// Whether entries go out as logfmt lines for a terminal rather than to journald: the service's
    /// own log then keeps only what such a reader needs.
    var writesLogfmtLines: Bool { get }

    /// Sends one entry. An adapter that cannot deliver it writes it elsewhere rather than lose it.
    func send(_ fields: [(name: String, value: String)])
}
