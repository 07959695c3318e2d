import ArgumentParser
import FristCalendar

/// `fristvakt calendar add-months DATE M`: domstolloven § 148 month arithmetic.
struct AddMonthsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-months",
        abstract: "Datoen M måneder etter DATO (domstolloven § 148; siste dag i måneden om dagen mangler)."
    )

    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp("Startdato ÅÅÅÅ-MM-DD og antall måneder 0–3612.", valueName: "DATO M"))
    var operands: [String] = []

    @Flag(help: "Les «DATO M» per linje fra standard inn, ett svar per linje.")
    var stdin = false

    func validate() throws { try question.validate(operands, bulk: stdin) }

    func run() throws { try question.run(operands, bulk: stdin) }

    private var question: CalendarQuestion {
        CalendarQuestion(operandNames: ("DATO", "M")) { first, second throws(InputRefusal) in
            let date = try Operand.date(first, name: "DATO")
            let months = try Operand.integer(second, name: "M")
            return try Operand.computing("M") { () throws(CalendarError) in
                .date(try date.adding(months: months))
            }
        }
    }
}
