/// Where each event id of one file first appeared. A file's reader notes the id of every event it
/// decodes, on its own thread, and tells the pass that applies the events which earlier line had
/// the same id (the engine's `FileIDPass`): that pass then leaves the engine's id set alone for
/// the events whose id is new to the file, nearly all of them.
public struct IDOccurrences: Sendable {
    /// What the reader knows about the earlier lines with an event's id.
    public enum Earlier: Sendable, Equatable {
        /// The reader did not track ids.
        case untracked
        /// No earlier line had the id.
        case none
        /// The id first appeared on this earlier line.
        case firstLine(Int)
    }

    private var table = IdentifierTable()
    /// The line each id first appeared on, by the id's handle in `table`.
    private var firstLines: [Int32] = []

    /// An empty record, with room for `ids` ids.
    public init(expecting ids: Int = 0) {
        table.reserveCapacity(ids)
        firstLines.reserveCapacity(ids)
    }

    /// Notes an id, by its key bytes, on `line`; returns where the id first appeared.
    public mutating func note(idBytes: UnsafeBufferPointer<UInt8>, line: Int) -> Earlier {
        let (handle, inserted) = table.insert(bytes: idBytes)
        guard inserted else { return .firstLine(Int(firstLines[handle])) }
        precondition(line <= Int32.max, "IDOccurrences: line number over 2^31")
        firstLines.append(Int32(line))
        return .none
    }
}
