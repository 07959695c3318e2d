import FristCalendar

/// The order of the status's `open` list, most urgent first: by days left, due date, case
/// reference and rule.
///
/// A large list (hundreds of thousands of clocks, most of them breached) has long runs of equal
/// days left and due date, so nearly every comparison would reach the case references. Each
/// clock is sorted as a small key instead: days left and due date as one integer, and the
/// reference's first eight bytes as another, which order any two references that differ in
/// them as their bytes (and `String`'s order: references are ASCII) do; only clocks equal in both
/// compare their references in full. The clocks themselves are moved once, into the order found.
enum OpenOrder {
    static func sorted(_ open: [StatusSnapshot.OpenClock]) -> [StatusSnapshot.OpenClock] {
        var keys = open.indices.map { index in
            let clock = open[index]
            return Key(urgency: urgency(clock), prefix: prefix(clock.caseRef), index: Int32(index))
        }
        keys.sort { lhs, rhs in
            if lhs.urgency != rhs.urgency { return lhs.urgency < rhs.urgency }
            if lhs.prefix != rhs.prefix { return lhs.prefix < rhs.prefix }
            let (left, right) = (open[Int(lhs.index)], open[Int(rhs.index)])
            if left.caseRef != right.caseRef { return left.caseRef < right.caseRef }
            if left.rule != right.rule { return left.rule < right.rule }
            return lhs.index < rhs.index  // as a stable sort leaves equal clocks
        }
        return keys.map { open[Int($0.index)] }
    }

    private struct Key {
        let urgency: UInt64
        let prefix: UInt64
        let index: Int32
    }

    /// Days left (signed, offset to sort as unsigned) above the due date's day number.
    private static func urgency(_ clock: StatusSnapshot.OpenClock) -> UInt64 {
        let days = UInt64(UInt32(bitPattern: Int32(truncatingIfNeeded: clock.daysLeft)) ^ 0x8000_0000)
        return days << 32 | UInt64(UInt32(bitPattern: clock.due.dayNumber))
    }

    /// The reference's first eight bytes, big-endian, zero-padded.
    private static func prefix(_ caseRef: String) -> UInt64 {
        var value: UInt64 = 0
        var count = 0
        for byte in caseRef.utf8.prefix(8) {
            value = value << 8 | UInt64(byte)
            count += 1
        }
        return value << (8 * UInt64(8 - count))
    }
}
