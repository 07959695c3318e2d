/// The twelve Norwegian public holidays ("røde dager"), lov om helligdager og helligdagsfred § 2
/// and lov 26. april 1947 nr. 1 (1. and 17. mai, from 1947).
public enum PublicHoliday: String, CaseIterable, Sendable {
    case nyttarsdag
    case skjaertorsdag
    case langfredag
    case forstePaskedag
    case andrePaskedag
    case forsteMai
    case syttendeMai
    case kristiHimmelfartsdag
    case forstePinsedag
    case andrePinsedag
    case forsteJuledag
    case andreJuledag

    /// The first year 1. and 17. mai are public holidays (lov 26. april 1947 nr. 1).
    public static let firstYearOfMayHolidays = 1947

    /// The holiday's name in bokmål, as printed by `fristvakt calendar holidays`.
    public var name: String {
        switch self {
        case .nyttarsdag: "Første nyttårsdag"
        case .skjaertorsdag: "Skjærtorsdag"
        case .langfredag: "Langfredag"
        case .forstePaskedag: "Første påskedag"
        case .andrePaskedag: "Andre påskedag"
        case .forsteMai: "Offentlig høytidsdag (1. mai)"
        case .syttendeMai: "Grunnlovsdag (17. mai)"
        case .kristiHimmelfartsdag: "Kristi himmelfartsdag"
        case .forstePinsedag: "Første pinsedag"
        case .andrePinsedag: "Andre pinsedag"
        case .forsteJuledag: "Første juledag"
        case .andreJuledag: "Andre juledag"
        }
    }

    /// The holiday's date in a year, or nil when the holiday did not exist that year.
    public func date(in year: Int) throws(CalendarError) -> CalendarDate? {
        switch self {
        case .nyttarsdag: return try CalendarDate(year: year, month: 1, day: 1)
        case .forsteMai:
            return year >= Self.firstYearOfMayHolidays ? try CalendarDate(year: year, month: 5, day: 1) : nil
        case .syttendeMai:
            return year >= Self.firstYearOfMayHolidays ? try CalendarDate(year: year, month: 5, day: 17) : nil
        case .forsteJuledag: return try CalendarDate(year: year, month: 12, day: 25)
        case .andreJuledag: return try CalendarDate(year: year, month: 12, day: 26)
        case .skjaertorsdag, .langfredag, .forstePaskedag, .andrePaskedag,
            .kristiHimmelfartsdag, .forstePinsedag, .andrePinsedag:
            return try Easter.sunday(in: year).adding(days: easterOffset)
        }
    }

    /// Days from Easter Sunday for the movable feasts.
    private var easterOffset: Int {
        switch self {
        case .skjaertorsdag: -3
        case .langfredag: -2
        case .andrePaskedag: 1
        case .kristiHimmelfartsdag: 39
        case .forstePinsedag: 49
        case .andrePinsedag: 50
        default: 0
        }
    }

    /// Every public holiday of a year with its date, in date order.
    public static func all(in year: Int) throws(CalendarError) -> [(date: CalendarDate, holiday: PublicHoliday)] {
        var result: [(date: CalendarDate, holiday: PublicHoliday)] = []
        for holiday in allCases {
            if let date = try holiday.date(in: year) { result.append((date, holiday)) }
        }
        return result.sorted { $0.date < $1.date }
    }
}
