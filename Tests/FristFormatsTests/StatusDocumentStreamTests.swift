import FristCalendar
import FristEngine
import FristFormats
import Testing

/// The status document written in pieces (`fristvakt status`) is the document rendered whole
/// (the status file), byte for byte, on one thread or two, and a long one really comes in pieces.
@Suite("status document in pieces")
struct StatusDocumentStreamTests {
    @Test("20 000 running clocks: the pieces put together are the whole document")
    func piecesMakeTheWhole() throws {
        var engine = DeadlineEngine()
        let received = try CalendarDate(parsing: "2026-11-23")
        for number in 0..<20_000 {
            try engine.accept(
                Event(
                    id: "e\(number)", caseRef: "H-\(number)", date: received, unit: "U\(number % 7)",
                    payload: .referralReceived(group: .standard, assessmentWorkingDays: nil)),
                today: received)
        }
        let snapshot = engine.status(on: try CalendarDate(parsing: "2026-11-25"), includeRunning: true)
        #expect(snapshot.open.count == 20_000)
        let whole = StatusDocument.renderBytes(snapshot, generatedAt: "2026-11-25T07:00:00+01:00")
        var pieces: [[UInt8]] = []
        StatusDocument.write(snapshot, generatedAt: "2026-11-25T07:00:00+01:00") { pieces.append($0) }
        #expect(pieces.count >= 3, "a document of \(whole.count) bytes in pieces of about a mebibyte")
        #expect(pieces.dropLast().allSatisfy { $0.count >= 1 << 20 && $0.count < (1 << 20) + 4096 })
        #expect(Array(pieces.joined()) == whole)
        // `fristvakt status` writes the list on two threads: the same pieces.
        var twoThreads: [[UInt8]] = []
        StatusDocument.write(snapshot, generatedAt: "2026-11-25T07:00:00+01:00", onTwoThreads: true) {
            twoThreads.append($0)
        }
        #expect(twoThreads == pieces)
    }
}
