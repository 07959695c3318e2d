import FristHotPaths

extension IdentifierTable {
    /// The handle of an identifier as an event keeps it, if it was inserted.
    func handle(of identifier: EventIdentifier) -> Int? {
        identifier.withUTF8(handle(ofUTF8:))
    }

    /// Inserts an identifier as an event keeps it (see `insert(_:)`).
    mutating func insert(_ identifier: EventIdentifier) -> (handle: Int, inserted: Bool) {
        identifier.withUTF8 { insert(bytes: $0) }
    }

    /// The identifier with this handle as an event keeps it: a UUID's text packed, any other text
    /// as a `String` (for a table of identifiers inserted as their UTF-8).
    func identifier(_ handle: Int) -> EventIdentifier {
        withUTF8(of: handle, EventIdentifier.init(utf8:))
    }
}
