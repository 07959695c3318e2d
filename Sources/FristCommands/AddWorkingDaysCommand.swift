import ArgumentParser
import FristCalendar

/// `fristvakt calendar add-working-days DATE N`: the N-th working day after DATE (day 0).
struct AddWorkingDaysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-working-days",
        abstract: "Datoen N virkedager etter DATO (DATO er dag 0)."
    )

    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp("Startdato ÅÅÅÅ-MM-DD (dag 0) og antall virkedager 0–100000.", valueName: "DATO N"))
    var operands: [String] = []

    @Flag(help: "Les «DATO N» per linje fra standard inn, ett svar per linje.")
    var stdin = false

    func validate() throws { try question.validate(operands, bulk: stdin) }

    func run() throws { try question.run(operands, bulk: stdin) }

    private var question: CalendarQuestion {
        let calendar = WorkingDayCalendar()
        return CalendarQuestion(operandNames: ("DATO", "N")) { first, second throws(InputRefusal) in
            let date = try Operand.date(first, name: "DATO")
            let count = try Operand.integer(second, name: "N")
            return try Operand.computing("N") { () throws(CalendarError) in
                .date(try calendar.addingWorkingDays(count, to: date))
            }
        }
    }
}
