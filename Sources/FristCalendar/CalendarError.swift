/// Why the calendar refused a date or a count. Its `description` is the bokmål message a user sees.
public enum CalendarError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Which end of the supported range a result fell off.
    public enum Side: Sendable, Equatable { case before, after }

    /// The text is not of the form `YYYY-MM-DD`.
    case malformed(String)
    /// The text has the right form but names no real date.
    case invalidDate(String, reason: String)
    /// A real date outside 1900-01-01 … 2200-12-31.
    case outOfRange(String)
    /// A computed date fell outside the supported range.
    case dayOutOfRange(Side)
    /// A count (working days, months) outside what the calendar accepts.
    case countOutOfRange(value: Int, allowed: ClosedRange<Int>)

    /// The bokmål message.
    public var description: String {
        let range = "\(CalendarDate.earliest)–\(CalendarDate.latest)"
        switch self {
        case .malformed(let text):
            return "«\(text)» er ikke en dato på formen ÅÅÅÅ-MM-DD"
        case .invalidDate(let text, let reason):
            return "«\(text)» er ikke en gyldig dato: \(reason)"
        case .outOfRange(let text):
            return "«\(text)» er utenfor kalenderens område \(range)"
        case .dayOutOfRange(.before):
            return "resultatet ville ligget før \(CalendarDate.earliest), utenfor kalenderens område \(range)"
        case .dayOutOfRange(.after):
            return "resultatet ville ligget etter \(CalendarDate.latest), utenfor kalenderens område \(range)"
        case .countOutOfRange(let value, let allowed):
            return "\(value) er utenfor det tillatte området \(allowed.lowerBound)–\(allowed.upperBound)"
        }
    }
}
