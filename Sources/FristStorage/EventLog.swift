public import FristEngine

/// The accepted events, append-only, each id once: the truth every other state is folded from.
/// Events are added only by `IntakeLog.commit`, in one transaction with their intake record.
public protocol EventLog: Sendable {
    /// Calls `body` with every accepted event in acceptance order.
    func forEachEvent(_ body: (StoredEvent) throws -> Void) throws

    /// Calls `body` with each case's reference and its accepted events in acceptance order, one
    /// case at a time, each case once (in an order the adapter chooses), in one consistent read:
    /// a whole-log pass (the report) that never holds more than one case's events.
    func forEachCaseHistory(_ body: (String, [StoredEvent]) throws -> Void) throws

    /// The cases that own any of these event ids. An adapter that finds ids by hash may name a
    /// case more that owns none of them; the caller loads its events and finds no match.
    func cases(owningEventIDs ids: [EventIdentifier]) throws -> Set<String>

    /// The accepted events of these cases, per case in acceptance order.
    func events(ofCases caseRefs: Set<String>) throws -> [String: [StoredEvent]]

    /// The number of accepted events.
    func eventCount() throws -> Int
}
