import FristCalendar

/// One case's folded state in the compact form a service persists beside its events: the clocks,
/// the tracks the next event folds into, the unit, the date of the last event, and what has been
/// alerted for each clock. It holds no event: a back-dated event loads the case's events again.
///
/// A restart reads these instead of decoding and folding every event. The bytes are a pure
/// function of the state, so a persisted case and one rebuilt from the events compare by bytes.
public struct PersistedCase: Sendable, Equatable {
    /// The case reference.
    public let caseRef: String
    /// The encoded state.
    public let bytes: [UInt8]

    /// Creates a persisted case from stored bytes.
    public init(caseRef: String, bytes: [UInt8]) {
        self.caseRef = caseRef
        self.bytes = bytes
    }

    /// The version of the byte format and of the fold that produced it. Raise it whenever either
    /// changes: a service that finds another version rebuilds every case from its events.
    public static let formatVersion = 1
}

extension CaseRecord {
    /// The record without its events, and the ledger's entries for its clocks.
    func encoded(ledger: AlertLedger) -> [UInt8] {
        var writer = StateWriter()
        writer.optional(unit) { $0.string($1) }
        writer.optional(lastDate) { $0.date($1) }
        writer.optional(closedOn) { $0.date($1) }
        writer.optional(referral) { writer, track in
            writer.date(track.received)
            writer.string(track.group.rawValue)
            writer.int(track.assessment)
            writer.optional(track.care) { $0.int($1) }
            writer.bool(track.started)
            writer.optional(track.realStart) { $0.int($1) }
        }
        writer.optional(complaint) { $0.int($1) }
        writer.optional(vedtak) { writer, track in
            writer.int(track.review)
            writer.int(track.validity)
            writer.bool(track.ended)
        }
        writer.optional(incident) { $0.int($1) }
        writer.unsigned(UInt64(clocks.count))
        for clock in clocks {
            clock.encode(into: &writer)
            let entry = ledger.entry(clock.id) ?? AlertLedger.Entry()
            writer.unsigned(UInt64(entry.levels.count))
            for dueLevel in entry.levels {
                writer.date(dueLevel.due)
                writer.int(dueLevel.level)
            }
            writer.unsigned(UInt64(entry.helfo.count))
            for due in entry.helfo { writer.date(due) }
            writer.bool(entry.overCap)
            writer.bool(entry.resolved)
        }
        return writer.bytes
    }

    /// A record (without history) and its clocks' ledger entries read back from `bytes`.
    static func decoding(
        _ bytes: UnsafeRawBufferPointer
    ) throws(StateFormatError) -> (CaseRecord, AlertLedger) {
        var reader = StateReader(bytes)
        var record = CaseRecord()
        record.hasHistory = false
        record.unit = try reader.optional { reader throws(StateFormatError) in try reader.string() }
        record.lastDate = try reader.optional { reader throws(StateFormatError) in try reader.date() }
        record.closedOn = try reader.optional { reader throws(StateFormatError) in try reader.date() }
        record.referral = try reader.optional { reader throws(StateFormatError) in
            var track = ReferralTrack(
                received: try reader.date(), group: try reader.group(), assessment: try reader.int())
            track.care = try reader.optional { reader throws(StateFormatError) in try reader.int() }
            track.started = try reader.bool()
            track.realStart = try reader.optional { reader throws(StateFormatError) in try reader.int() }
            return track
        }
        record.complaint = try reader.optional { reader throws(StateFormatError) in try reader.int() }
        record.vedtak = try reader.optional { reader throws(StateFormatError) in
            VedtakTrack(review: try reader.int(), validity: try reader.int(), ended: try reader.bool())
        }
        record.incident = try reader.optional { reader throws(StateFormatError) in try reader.int() }
        var ledger = AlertLedger()
        let clockCount = try reader.count()
        record.clocks.reserveCapacity(clockCount)  // one allocation, not one per growth
        for _ in 0..<clockCount {
            let clock = try Clock.decode(from: &reader)
            var entry = AlertLedger.Entry()
            for _ in 0..<(try reader.count()) { entry.raise(due: try reader.date(), to: try reader.int()) }
            for _ in 0..<(try reader.count()) { entry.insertHelfo(try reader.date()) }
            entry.overCap = try reader.bool()
            entry.resolved = try reader.bool()
            record.clocks.append(clock)
            if entry != AlertLedger.Entry() { ledger.restore(entry, for: clock.id) }
        }
        let count = record.clocks.count
        func names(_ index: Int?) -> Bool { index.map { $0 >= 0 && $0 < count } ?? true }
        guard reader.isAtEnd, names(record.referral?.assessment), names(record.referral?.care),
            names(record.referral?.realStart), names(record.complaint), names(record.vedtak?.review),
            names(record.vedtak?.validity), names(record.incident)
        else {
            throw StateFormatError(description: "trailing bytes or a track naming a missing clock")
        }
        return (record, ledger)
    }
}

extension Clock {
    fileprivate func encode(into writer: inout StateWriter) {
        writer.identifier(id.eventID)
        writer.string(id.rule.rawValue)
        writer.date(start)
        writer.date(due)
        writer.date(dueSince)
        writer.optional(ending) { writer, ending in
            switch ending {
            case .stopped(let date):
                writer.unsigned(0)
                writer.date(date)
            case .cancelled(let date):
                writer.unsigned(1)
                writer.date(date)
            case .exempt(let date):
                writer.unsigned(2)
                writer.date(date)
            }
        }
        writer.optional(scheduled) { $0.date($1) }
        writer.optional(scheduledSince) { $0.date($1) }
        writer.bool(helfoNotified)
        writer.optional(overCapFrist) { $0.date($1) }
    }

    fileprivate static func decode(from reader: inout StateReader) throws(StateFormatError) -> Clock {
        let id = ClockID(eventID: try reader.identifier(), rule: try reader.rule())
        var clock = Clock(id: id, start: try reader.date(), due: try reader.date())
        clock.dueSince = try reader.date()
        clock.ending = try reader.optional { reader throws(StateFormatError) in
            switch try reader.unsigned() {
            case 0: .stopped(try reader.date())
            case 1: .cancelled(try reader.date())
            case 2: .exempt(try reader.date())
            case let other: throw StateFormatError(description: "unknown clock ending \(other)")
            }
        }
        clock.scheduled = try reader.optional { reader throws(StateFormatError) in try reader.date() }
        clock.scheduledSince = try reader.optional { reader throws(StateFormatError) in try reader.date() }
        clock.helfoNotified = try reader.bool()
        clock.overCapFrist = try reader.optional { reader throws(StateFormatError) in try reader.date() }
        return clock
    }
}

extension PersistedCase {
    /// What persisted state depends on besides the events: the format version and the engine
    /// configuration (the calendar decides every deadline). State written under another
    /// fingerprint is rebuilt from the events, never read.
    public static func fingerprint(of configuration: EngineConfiguration) -> String {
        var writer = StateWriter()
        writer.unsigned(UInt64(formatVersion))
        writer.bool(configuration.calendar.saturdayIsWorkingDay)
        writer.unsigned(UInt64(configuration.calendar.extraClosedDates.count))
        for date in configuration.calendar.extraClosedDates.sorted() { writer.date(date) }
        writer.unsigned(UInt64(configuration.calendar.extraClosedDays.count))
        for day in configuration.calendar.extraClosedDays.map(\.rawValue).sorted() { writer.string(day) }
        writer.unsigned(UInt64(configuration.warningWindows.count))
        for (rule, days) in configuration.warningWindows.sorted(by: { $0.key < $1.key }) {
            writer.string(rule.rawValue)
            writer.int(days)
        }
        writer.int(configuration.reminderIntervalWorkingDays)
        return "v\(formatVersion)-" + writer.bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
