import Foundation
import FristCalendar
import FristTesting
import Testing

@Suite("CalendarDate")
struct CalendarDateTests {
    @Test("parses and prints YYYY-MM-DD")
    func roundTrip() throws {
        let date = try CalendarDate(parsing: "2026-11-23")
        #expect(date.description == "2026-11-23")
        #expect(date.components == (2026, 11, 23))
        #expect(date.weekday == .monday)
        #expect(try CalendarDate(parsing: "1900-01-01").weekday == .monday)
        #expect(try CalendarDate(parsing: "2200-12-31").weekday == .wednesday)
        #expect(try CalendarDate(parsing: "2024-02-29").description == "2024-02-29")
    }

    @Test("every supported day survives day number → components → date")
    func everyDayRoundTrips() throws {
        var previous: CalendarDate?
        for number in Int(CalendarDate.earliest.dayNumber)...Int(CalendarDate.latest.dayNumber) {
            let date = try CalendarDate(dayNumber: number)
            let (year, month, day) = date.components
            #expect(try CalendarDate(year: year, month: month, day: day) == date)
            if let previous { #expect(previous.days(to: date) == 1) }
            previous = date
        }
    }

    @Test(
        "refuses what is not a date, with the message a user sees",
        arguments: [
            ("2026-4-1", "«2026-4-1» er ikke en dato på formen ÅÅÅÅ-MM-DD"),
            ("26-04-01", "«26-04-01» er ikke en dato på formen ÅÅÅÅ-MM-DD"),
            ("2026/04/01", "«2026/04/01» er ikke en dato på formen ÅÅÅÅ-MM-DD"),
            ("", "«» er ikke en dato på formen ÅÅÅÅ-MM-DD"),
            (" 2026-04-01", "« 2026-04-01» er ikke en dato på formen ÅÅÅÅ-MM-DD"),
            ("2026-02-29", "«2026-02-29» er ikke en gyldig dato: februar 2026 har 28 dager"),
            ("1900-02-29", "«1900-02-29» er ikke en gyldig dato: februar 1900 har 28 dager"),
            ("2026-13-01", "«2026-13-01» er ikke en gyldig dato: måned 13 finnes ikke"),
            ("2026-00-10", "«2026-00-10» er ikke en gyldig dato: måned 0 finnes ikke"),
            ("2026-04-31", "«2026-04-31» er ikke en gyldig dato: april 2026 har 30 dager"),
            ("2026-04-00", "«2026-04-00» er ikke en gyldig dato: april 2026 har 30 dager"),
            ("1899-12-31", "«1899-12-31» er utenfor kalenderens område 1900-01-01–2200-12-31"),
            ("2201-01-01", "«2201-01-01» er utenfor kalenderens område 1900-01-01–2200-12-31"),
        ])
    func refusals(text: String, message: String) {
        #expect {
            _ = try CalendarDate(parsing: text)
        } throws: { error in
            (error as? CalendarError)?.description == message
        }
    }

    @Test("day arithmetic refuses to leave the supported range")
    func arithmeticRange() throws {
        #expect(throws: CalendarError.dayOutOfRange(.after)) { try CalendarDate.latest.adding(days: 1) }
        #expect(throws: CalendarError.dayOutOfRange(.before)) { try CalendarDate.earliest.adding(days: -1) }
        #expect(try CalendarDate.latest.adding(days: 0) == .latest)
    }

    @Test("leap years follow the Gregorian rule")
    func leapYears() {
        #expect(CalendarDate.isLeapYear(2000))
        #expect(CalendarDate.isLeapYear(2024))
        #expect(!CalendarDate.isLeapYear(1900))
        #expect(!CalendarDate.isLeapYear(2100))
        #expect(!CalendarDate.isLeapYear(2026))
    }
}

/// The byte parser behind the calendar's bulk mode against a plain reading of the format.
@Suite("Date parsing from bytes")
struct DateBytesParsingTests {
    /// `YYYY-MM-DD` read the obvious way: ten characters, dashes at 4 and 7, digits elsewhere.
    static func reference(_ text: String) -> CalendarDate? {
        let characters = Array(text.utf8)
        guard characters.count == 10 else { return nil }
        for (index, byte) in characters.enumerated() {
            let expected = index == 4 || index == 7
            guard expected ? byte == UInt8(ascii: "-") : (48...57).contains(byte) else { return nil }
        }
        let parts = text.split(separator: "-").map { Int($0)! }
        return try? CalendarDate(year: parts[0], month: parts[1], day: parts[2])
    }

    @Test("random near-dates parse exactly when the reading says, to the same date")
    func agreesWithReference() {
        let seed = TestSeed.make("date bytes", environment: ProcessInfo.processInfo.environment)
        var generator = SeededGenerator(seed: seed)
        let alphabet = Array("0123456789-+ x\u{e5}")
        for _ in 0..<20_000 {
            var text = String(
                format: "%04d-%02d-%02d", Int.random(in: 1890...2210, using: &generator),
                Int.random(in: 0...13, using: &generator), Int.random(in: 0...32, using: &generator))
            if Int.random(in: 0..<3, using: &generator) == 0 {
                var characters = Array(text)
                let index = Int.random(in: 0..<characters.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: characters[index] = alphabet.randomElement(using: &generator)!
                case 1: characters.remove(at: index)
                default: characters.insert(alphabet.randomElement(using: &generator)!, at: index)
                }
                text = String(characters)
            }
            let parsed = try? Array(text.utf8).withUnsafeBytes { try CalendarDate(parsingUTF8: $0) }
            #expect(parsed == Self.reference(text), "seed \(seed): «\(text)»")
            #expect((try? CalendarDate(parsing: text)) == parsed, "seed \(seed): «\(text)»")
        }
    }
}
