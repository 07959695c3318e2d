import FristCalendar
import FristEngine
import FristStorage
import Logging
import Testing

@testable import FristService

/// The journal port with its in-memory adapter: what the service's own log and its alerts send,
/// field by field, without a journald.
@Suite("journal port")
struct MemoryJournalTests {
    static func value(_ name: String, in entry: [(name: String, value: String)]) -> String? {
        entry.first { $0.name == name }?.value
    }

    @Test("a log record is one entry: message, priority, identifier, code place and its metadata as fields")
    func logRecordForJournald() throws {
        let journal = MemoryJournal()
        var logger = Logger(label: "test") { _ in JournalLogHandler(journal: journal, identifier: "fristvakt-test") }
        logger[metadataKey: "node"] = "a"
        logger.warning("Fil avvist", metadata: ["file": "x.jsonl", "sl-signal": "1"])
        logger.debug("under the level: not sent")
        let entry = try #require(journal.entries.first)
        #expect(journal.entries.count == 1)
        #expect(entry.map(\.name).prefix(3) == ["MESSAGE", "PRIORITY", "SYSLOG_IDENTIFIER"])
        #expect(Self.value("MESSAGE", in: entry) == "Fil avvist")
        #expect(Self.value("PRIORITY", in: entry) == "4")
        #expect(Self.value("SYSLOG_IDENTIFIER", in: entry) == "fristvakt-test")
        #expect(Self.value("CODE_FILE", in: entry)?.hasSuffix("MemoryJournalTests.swift") == true)
        #expect(entry.suffix(3).map(\.name) == ["FILE", "NODE", "SL_SIGNAL"])
        #expect(Self.value("FILE", in: entry) == "x.jsonl")
    }

    @Test("where entries are logfmt lines, a record keeps its level first and drops the code place")
    func logRecordForATerminal() throws {
        let journal = MemoryJournal(writesLogfmtLines: true)
        let logger = Logger(label: "test") { _ in JournalLogHandler(journal: journal) }
        logger.error("Databasen kan ikke skrives", metadata: ["path": "/var/lib/fristvakt/state.db"])
        let entry = try #require(journal.entries.first)
        #expect(entry.map(\.name) == ["LEVEL", "MESSAGE", "PRIORITY", "PATH"])
        #expect(Self.value("LEVEL", in: entry) == "error")
    }

    @Test("alerts are logged, sent in order with their fields, then marked sent; a node that only logs sends none")
    func alertsSent() throws {
        var engine = DeadlineEngine()
        let received = try CalendarDate(parsing: "2026-11-23")
        for (id, caseRef) in [("e1", "T-1"), ("e2", "T-2")] {
            try engine.accept(
                Event(
                    id: id, caseRef: caseRef, date: received, unit: "ORT",
                    payload: .referralReceived(group: .standard, assessmentWorkingDays: nil)),
                today: received)
        }
        let alerts = engine.advance(to: try CalendarDate(parsing: "2026-12-16"))
        #expect(alerts.count == 2)

        let store = MemoryStorage()
        let journal = MemoryJournal()
        let dispatch = AlertDispatch(store: store, journal: journal, node: "node-a")
        _ = try dispatch.dispatch(alerts, cases: engine.takeChangedCases(), send: false)
        #expect(journal.entries.isEmpty)
        #expect(try store.unsentAlerts().count == 2)

        try dispatch.send(alerts, term: 7)
        #expect(journal.entries.map { Self.value("FRIST_CASE", in: $0) } == ["T-1", "T-2"])
        for entry in journal.entries {
            #expect(Self.value("FRIST_KIND", in: entry) == "breached")
            #expect(Self.value("FRIST_UNIT", in: entry) == "ORT")
            #expect(Self.value("FRIST_NODE", in: entry) == "node-a")
            #expect(Self.value("FRIST_TERM", in: entry) == "7")
            #expect(Self.value("MESSAGE_ID", in: entry)?.count == 32)
        }
        #expect(try store.unsentAlerts().isEmpty)
        #expect(try store.alerts().allSatisfy(\.sent))
    }
}
