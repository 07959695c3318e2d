import ArgumentParser
import FristCalendar

/// `fristvakt calendar holidays YEAR`: the public holidays of a year, in date order.
struct HolidaysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "holidays",
        abstract: "Skriver årets helligdager: ÅÅÅÅ-MM-DD<TAB>navn."
    )

    @Argument(help: "Året (1900–2200).")
    var year: String

    func run() throws {
        guard let value = Int(year) else {
            throw InputRefusal("ÅR: «\(year)» er ikke et årstall")
        }
        guard CalendarDate.supportedYears.contains(value) else {
            throw InputRefusal(
                "ÅR: \(value) er utenfor kalenderens område \(CalendarDate.supportedYears.lowerBound)–\(CalendarDate.supportedYears.upperBound)"
            )
        }
        for (date, holiday) in try PublicHoliday.all(in: value) {
            StandardOutput.shared.write("\(date)\t\(holiday.name)\n")
        }
    }
}
