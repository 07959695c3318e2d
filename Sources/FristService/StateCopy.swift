public import FristStorage

/// A whole state copied from one store to another through the port (`fristvakt migrate`): the
/// events in acceptance order (as finished intakes of the copy, 10 000 events each), every case's
/// folded state under its fingerprint, the alert log with what was sent, and the daily run.
public enum StateCopy {
    /// What was copied.
    public struct Counts: Sendable, Equatable {
        /// Events.
        public var events = 0
        /// Cases' folded states.
        public var cases = 0
        /// Logged alerts.
        public var alerts = 0
    }

    /// Copies `source` into the empty `target`; `origin` names the source in the target's
    /// intake log.
    public static func copy(from source: any StateStorage, to target: any StateStorage, origin: String) throws -> Counts
    {
        var counts = Counts()
        var batch: [StoredEvent] = []
        var part = 0
        func flush() throws {
            guard !batch.isEmpty else { return }
            part += 1
            let intake = IntakeRecord(
                file: "migrate:\(origin)#\(part)", fingerprint: "migrate", applied: batch.count, duplicates: 0,
                refused: 0, rejected: nil)
            try target.finishIntake(try target.commit(intake, events: batch, cases: [], at: "migrate"))
            counts.events += batch.count
            batch.removeAll(keepingCapacity: true)
        }
        try source.forEachEvent { event in
            batch.append(event)
            if batch.count == 10_000 { try flush() }
        }
        try flush()
        let (fingerprint, cases) = try source.persistedCases()
        if let fingerprint { try target.replaceCases(cases, fingerprint: fingerprint) }
        counts.cases = cases.count
        let alerts = try source.alerts()
        for start in stride(from: 0, to: alerts.count, by: 1000) {
            let slice = alerts[start..<min(start + 1000, alerts.count)]
            try target.record(slice.map(\.alert), cases: [])
            try target.markSent(slice.filter(\.sent).map(\.alert))
        }
        counts.alerts = alerts.count
        if let day = try source.lastDailyRun() {
            let times = try source.lastDailyRunTimes()
            try target.setLastDailyRun(day, endedAt: times?.endedAt, duration: times?.duration)
        }
        return counts
    }
}
