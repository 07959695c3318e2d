import Foundation

/// The journal port in memory: every entry sent, in order, for a test to read back.
public final class MemoryJournal: JournalSink, @unchecked Sendable {
    private let lock = NSLock()
    private var sent: [[(name: String, value: String)]] = []

    /// Whether the service should treat this journal as logfmt lines on stderr.
    public let writesLogfmtLines: Bool

    /// An empty journal.
    public init(writesLogfmtLines: Bool = false) {
        self.writesLogfmtLines = writesLogfmtLines
    }

    /// Keeps one entry.
    public func send(_ fields: [(name: String, value: String)]) {
        lock.withLock { sent.append(fields) }
    }

    /// Every entry sent so far, in order.
    public var entries: [[(name: String, value: String)]] {
        lock.withLock { sent }
    }
}
