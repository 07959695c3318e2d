public import FristHotPaths

extension IDOccurrences {
    /// Notes `event`'s id on `line`; returns where the id first appeared.
    public mutating func note(_ event: Event, line: Int) -> Earlier {
        event.storedID.withKeyBytes { note(idBytes: $0, line: line) }
    }

    /// Whether tracking pays for a file whose first events are these: not when most ids are
    /// UUIDs. Tracking moves a probe per event from the thread that applies the events to the
    /// one that decodes them; decoding a UUID already makes that thread the busier one, and
    /// tracking then slows `status --events` down instead of speeding it up.
    public static func worthTracking(_ events: some Sequence<Event>) -> Bool {
        var (uuids, all) = (0, 0)
        for event in events {
            all += 1
            if event.storedID.isPacked { uuids += 1 }
        }
        return uuids * 2 < all
    }
}
