import FristCalendar
import FristTesting

/// Parses a date literal in a test, failing loudly if the literal itself is wrong.
func day(_ text: String) -> CalendarDate {
    do {
        return try CalendarDate(parsing: text)
    } catch {
        fatalError("bad test date \(text): \(error)")
    }
}

/// A random supported date.
func randomDate(using generator: inout SeededGenerator) -> CalendarDate {
    let range = Int(CalendarDate.earliest.dayNumber)...Int(CalendarDate.latest.dayNumber)
    return try! CalendarDate(dayNumber: Int.random(in: range, using: &generator))
}
