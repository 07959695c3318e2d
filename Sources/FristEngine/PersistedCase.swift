import FristCalendar
import FristHotPaths

/// One case's folded state in the compact form a service persists beside its events: the clocks,
/// the tracks the next event folds into, the unit, the date of the last event, and what has been
/// alerted for each clock. It holds no event: a back-dated event loads the case's events again.
///
/// A restart reads these instead of decoding and folding every event. The bytes are a pure
/// function of the state, so a persisted case and one rebuilt from the events compare by bytes.
public struct PersistedCase: Sendable, Equatable {
    /// The case reference as the engine keeps it (a UUID in 16 bytes: intake makes no `String` of
    /// the cases a file changed).
    public let storedCaseRef: EventIdentifier
    /// The encoded state.
    public let bytes: [UInt8]

    /// The case reference.
    public var caseRef: String { storedCaseRef.text }

    /// Creates a persisted case from stored bytes.
    public init(caseRef: String, bytes: [UInt8]) {
        self.init(storedCaseRef: EventIdentifier(caseRef), bytes: bytes)
    }

    /// Creates a persisted case of the reference as the engine keeps it.
    public init(storedCaseRef: EventIdentifier, bytes: [UInt8]) {
        self.storedCaseRef = storedCaseRef
        self.bytes = bytes
    }

    /// The version of the byte format and of the fold that produced it. Raise it whenever either
    /// changes: a service that finds another version rebuilds every case from its events.
    public static let formatVersion = 4
}

extension CaseRecord {
    /// Which of the record's optional parts are present: one byte before them.
    private enum Present {
        static let unit: UInt8 = 1 << 0
        static let lastDate: UInt8 = 1 << 1
        static let closedOn: UInt8 = 1 << 2
        static let all: UInt8 = 0x07
    }

    /// The record without its events, and the ledger's entries for its clocks. The rules' slots
    /// follow a mask with a bit per rule that has one (by its persisted code; an unsigned integer,
    /// so one byte while codes 0–6 are set), each as its clock index and its flags.
    func encoded(ledger: AlertLedger) -> [UInt8] {
        var writer = StateWriter()
        var present: UInt8 = 0
        if unit != nil { present |= Present.unit }
        if lastDate != nil { present |= Present.lastDate }
        if closedOn != nil { present |= Present.closedOn }
        writer.byte(present)
        if let unit { writer.string(unit) }
        if let lastDate { writer.date(lastDate) }
        if let closedOn { writer.date(closedOn) }
        var slotted: UInt64 = 0
        for rule in Rules.byStateCode where slots.clock(of: rule) != nil { slotted |= 1 << rule.stateCode }
        writer.unsigned(slotted)
        for rule in Rules.byStateCode {
            guard let index = slots.clock(of: rule) else { continue }
            writer.int(index)
            writer.byte(slots.flags(of: rule))
        }
        writer.unsigned(UInt64(clocks.count))
        for clock in clocks { clock.encode(into: &writer, entry: ledger.entry(clock.id) ?? AlertLedger.Entry()) }
        return writer.bytes
    }

    /// A record (without history) and its clocks' ledger entries read back from `bytes`.
    static func decoding(
        _ bytes: UnsafeRawBufferPointer
    ) throws(StateFormatError) -> (CaseRecord, AlertLedger) {
        var reader = StateReader(bytes)
        var record = CaseRecord()
        record.hasHistory = false
        let present = try reader.flags(allowed: Present.all)
        if present & Present.unit != 0 { record.unit = try reader.string() }
        if present & Present.lastDate != 0 { record.lastDate = try reader.date() }
        if present & Present.closedOn != 0 { record.closedOn = try reader.date() }
        let slotted = try reader.mask(allowed: Rules.slotCodes)
        for rule in Rules.byStateCode where slotted & 1 << rule.stateCode != 0 {
            // Checked against the clocks once they are read.
            let index = try reader.int()
            guard index >= 0, index < Slots.maximumClocks else {
                throw StateFormatError(description: "a slot naming a missing clock")
            }
            record.slots.setClock(index, of: rule)
            record.slots.setFlags(try reader.flags(allowed: rule.rule.slotFlags), of: rule)
        }
        var ledger = AlertLedger()
        let clockCount = try reader.count()
        record.clocks.reserveCapacity(clockCount)  // one allocation, not one per growth
        for _ in 0..<clockCount {
            let (clock, entry) = try Clock.decode(from: &reader)
            record.clocks.append(clock)
            if entry != AlertLedger.Entry() { ledger.restore(entry, for: clock.id) }
        }
        guard reader.isAtEnd, Rules.byStateCode.allSatisfy({ (record.slots.clock(of: $0) ?? 0) < clockCount }) else {
            throw StateFormatError(description: "trailing bytes or a slot naming a missing clock")
        }
        return (record, ledger)
    }
}

extension Clock {
    /// A clock's flags: how it ended (two bits), which optional dates follow, and its ledger
    /// entry's two flags.
    private enum Flags {
        static let endingMask: UInt8 = 0b11
        static let stopped: UInt8 = 1
        static let cancelled: UInt8 = 2
        static let exempt: UInt8 = 3
        static let scheduled: UInt8 = 1 << 2
        static let scheduledSince: UInt8 = 1 << 3
        static let helfoNotified: UInt8 = 1 << 4
        static let overCapFrist: UInt8 = 1 << 5
        static let ledgerOverCap: UInt8 = 1 << 6
        static let ledgerResolved: UInt8 = 1 << 7
    }

    fileprivate func encode(into writer: inout StateWriter, entry: AlertLedger.Entry) {
        writer.identifier(id.eventID)
        writer.rule(id.rule)
        writer.date(start)
        writer.date(due)
        writer.date(dueSince)
        var (flags, endingDate): (UInt8, CalendarDate?) =
            switch ending {
            case nil: (0, nil)
            case .stopped(let date): (Flags.stopped, date)
            case .cancelled(let date): (Flags.cancelled, date)
            case .exempt(let date): (Flags.exempt, date)
            }
        if scheduled != nil { flags |= Flags.scheduled }
        if scheduledSince != nil { flags |= Flags.scheduledSince }
        if helfoNotified { flags |= Flags.helfoNotified }
        if overCapFrist != nil { flags |= Flags.overCapFrist }
        if entry.overCap { flags |= Flags.ledgerOverCap }
        if entry.resolved { flags |= Flags.ledgerResolved }
        writer.byte(flags)
        if let endingDate { writer.date(endingDate) }
        if let scheduled { writer.date(scheduled) }
        if let scheduledSince { writer.date(scheduledSince) }
        if let overCapFrist { writer.date(overCapFrist) }
        writer.unsigned(UInt64(entry.levels.count))
        for dueLevel in entry.levels {
            writer.date(dueLevel.due)
            writer.int(dueLevel.level)
        }
        writer.unsigned(UInt64(entry.helfo.count))
        for due in entry.helfo { writer.date(due) }
    }

    fileprivate static func decode(
        from reader: inout StateReader
    ) throws(StateFormatError) -> (Clock, AlertLedger.Entry) {
        let id = ClockID(eventID: try reader.identifier(), rule: try reader.rule())
        var clock = Clock(id: id, start: try reader.date(), due: try reader.date())
        clock.dueSince = try reader.date()
        let flags = try reader.flags(allowed: 0xFF)
        switch flags & Flags.endingMask {
        case Flags.stopped: clock.ending = .stopped(try reader.date())
        case Flags.cancelled: clock.ending = .cancelled(try reader.date())
        case Flags.exempt: clock.ending = .exempt(try reader.date())
        default: break
        }
        if flags & Flags.scheduled != 0 { clock.scheduled = try reader.date() }
        if flags & Flags.scheduledSince != 0 { clock.scheduledSince = try reader.date() }
        clock.helfoNotified = flags & Flags.helfoNotified != 0
        if flags & Flags.overCapFrist != 0 { clock.overCapFrist = try reader.date() }
        var entry = AlertLedger.Entry()
        for _ in 0..<(try reader.count()) { entry.raise(due: try reader.date(), to: try reader.int()) }
        for _ in 0..<(try reader.count()) { entry.insertHelfo(try reader.date()) }
        entry.overCap = flags & Flags.ledgerOverCap != 0
        entry.resolved = flags & Flags.ledgerResolved != 0
        return (clock, entry)
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
