public import FristEngine
import FristFormats

/// One accepted event as the event log keeps it: the line as written, and where it came from.
/// The line is the record; the decoded `Event` is derived from it, in one place (`decoded()`).
public struct StoredEvent: Sendable, Equatable {
    /// The event's id.
    public let id: String
    /// The event's case.
    public let caseRef: String?
    /// The JSON line.
    public let body: String
    /// The spool file it came in.
    public let file: String
    /// Its line in that file.
    public let line: Int

    /// Creates a stored event.
    public init(id: String, caseRef: String?, body: String, file: String, line: Int) {
        self.id = id
        self.caseRef = caseRef
        self.body = body
        self.file = file
        self.line = line
    }

    /// The event the line holds, decoded and checked as at intake. A line the service accepted
    /// decodes again unless the rules of the contract changed under it (the caller logs it).
    public func decoded() throws(EventRefusal) -> Event {
        try Self.decoded(body: body)
    }

    /// The event a stored line holds: every reader of the log decodes through here.
    public static func decoded(body: String) throws(EventRefusal) -> Event {
        try EventDecoder.decode(body.utf8)
    }
}
