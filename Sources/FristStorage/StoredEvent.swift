public import FristEngine
import FristFormats

/// One accepted event as the event log keeps it: the line as written, and where it came from.
/// The line is the record; the decoded `Event` is derived from it, in one place (`decoded()`).
public struct StoredEvent: Sendable, Equatable {
    /// The event's id as the engine keeps it: a UUID in 16 bytes, written out as text only where
    /// a store or a reader asks for it (intake makes no `String` of it).
    public let storedID: EventIdentifier
    /// The event's case, kept the same way.
    public let storedCaseRef: EventIdentifier?
    /// The JSON line.
    public let body: String
    /// The spool file it came in.
    public let file: String
    /// Its line in that file.
    public let line: Int

    /// The event's id.
    public var id: String { storedID.text }
    /// The event's case.
    public var caseRef: String? { storedCaseRef?.text }

    /// Creates a stored event.
    public init(id: String, caseRef: String?, body: String, file: String, line: Int) {
        self.init(
            storedID: EventIdentifier(id), storedCaseRef: caseRef.map(EventIdentifier.init), body: body, file: file,
            line: line)
    }

    /// The stored form of an accepted event whose line is `body`.
    public init(accepted event: Event, body: String, file: String, line: Int) {
        self.init(storedID: event.storedID, storedCaseRef: event.storedCaseRef, body: body, file: file, line: line)
    }

    private init(storedID: EventIdentifier, storedCaseRef: EventIdentifier?, body: String, file: String, line: Int) {
        self.storedID = storedID
        self.storedCaseRef = storedCaseRef
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
