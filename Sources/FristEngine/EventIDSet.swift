import FristHotPaths

/// The ids of the events an engine holds in memory, where a repeated id is found: an
/// `IdentifierTable` keyed by each id's key bytes (`EventIdentifier.withKeyBytes`), so a UUID
/// takes 18 bytes and is never written out as text to be hashed. Its hash is also cheaper than
/// `Hasher`'s, and intake inserts every event's id. Never read back as text.
struct EventIDSet: Sendable {
    private var table = IdentifierTable()

    /// Inserts `id`; false if it was there already.
    mutating func insert(_ id: EventIdentifier) -> Bool {
        id.withKeyBytes { table.insert(bytes: $0).inserted }
    }

    /// Takes out the id inserted last (an event refused after its id went in).
    mutating func removeLast() {
        table.removeLast()
    }

    /// Makes room for this many ids, so that none of them rehashes the table.
    mutating func reserveCapacity(_ ids: Int) {
        table.reserveCapacity(ids)
    }
}
