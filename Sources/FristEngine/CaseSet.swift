/// A set of case indices (`DeadlineEngine`'s handles): a flag per case and the list of those set,
/// so inserting and clearing cost no hashing, and clearing touches only the members.
struct CaseSet: Sendable {
    private var flags: [Bool] = []
    /// The members, in the order inserted.
    private(set) var members: [Int] = []

    /// Whether the set is empty.
    var isEmpty: Bool { members.isEmpty }

    /// Adds a case index (a no-op when present).
    mutating func insert(_ index: Int) {
        if index >= flags.count {
            flags.append(contentsOf: repeatElement(false, count: max(index + 1, flags.count * 2) - flags.count))
        }
        guard !flags[index] else { return }
        flags[index] = true
        members.append(index)
    }

    /// Empties the set, keeping its storage.
    mutating func removeAll() {
        for index in members { flags[index] = false }
        members.removeAll(keepingCapacity: true)
    }
}
