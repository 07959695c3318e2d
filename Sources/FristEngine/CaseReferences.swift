import FristHotPaths

/// The engine's case references, interned as dense handles 0, 1, 2, … in the order they were
/// first inserted (an `IdentifierTable`), each kept as its key bytes
/// (`EventIdentifier.withKeyBytes`): a UUID is hashed and compared as its 18 key bytes, never
/// written out as its 36 characters, and takes half the memory. Every event looks its case up
/// here. Handles sort as the references' texts do.
struct CaseReferences: Sendable {
    private var table: IdentifierTable

    /// No references.
    init() {
        table = IdentifierTable()
    }

    /// No references, hashed with this seed (a test fixes it, so that a failure replays).
    init(seed: UInt64) {
        table = IdentifierTable(seed: seed)
    }

    /// The number of references.
    var count: Int { table.count }

    /// Makes room for `references` in all, so that none of them rehashes the table.
    mutating func reserveCapacity(_ references: Int) {
        table.reserveCapacity(references)
    }

    /// The handle of `reference`, if it was inserted.
    func handle(of reference: EventIdentifier) -> Int? {
        reference.withKeyBytes(table.handle(ofUTF8:))
    }

    /// The handle of the reference with this text, if it was inserted.
    func handle(of reference: String) -> Int? {
        handle(of: EventIdentifier(reference))
    }

    /// Inserts `reference` unless present; returns its handle either way, and whether it was
    /// inserted (it then has the next handle).
    mutating func insert(_ reference: EventIdentifier) -> (handle: Int, inserted: Bool) {
        reference.withKeyBytes { table.insert(bytes: $0) }
    }

    /// Inserts the reference with this text (see `insert(_:)`).
    mutating func insert(_ reference: String) -> (handle: Int, inserted: Bool) {
        insert(EventIdentifier(reference))
    }

    /// Takes out the reference inserted last (a new case whose first event was refused).
    mutating func removeLast() {
        table.removeLast()
    }

    /// The reference with this handle, as an event keeps it.
    func identifier(_ handle: Int) -> EventIdentifier {
        table.withUTF8(of: handle) {
            EventIdentifier(keyBytes: UnsafeRawBufferPointer($0)) ?? EventIdentifier(utf8: $0)
        }
    }

    /// The text of the reference with this handle.
    subscript(handle: Int) -> String {
        identifier(handle).text
    }

    /// Calls `body` with the text of the reference with this handle, as bytes: a text reference's
    /// key bytes are its text, a UUID's text is written out on the stack; no `String` is made.
    func withText<Result>(of handle: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        table.withUTF8(of: handle) { key in
            EventIdentifier(keyBytes: UnsafeRawBufferPointer(key))?.withUTF8(body) ?? body(key)
        }
    }

    /// Sorts elements into the order of their handles' references (by the texts' bytes), equal
    /// ones in their order before (`PrefixSort`: most comparisons are of two integers, the first
    /// eight bytes of each text).
    func sort<Element>(_ elements: inout [Element], byHandle handle: (Element) -> Int) {
        let handles = elements.map(handle)
        let order = PrefixSort.order(
            count: handles.count, key: { _ in 0 }, prefix: { withText(of: handles[$0], PrefixSort.prefix) },
            precedes: { lhs, rhs in
                withText(of: handles[lhs]) { left in
                    withText(of: handles[rhs]) { right in left.lexicographicallyPrecedes(right) }
                }
            })
        elements = order.map { elements[$0] }
    }
}
