import ArgumentParser
import FristCalendar

/// `fristvakt calendar working-days-between A B`: the working days W with A < W ≤ B.
struct WorkingDaysBetweenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "working-days-between",
        abstract: "Antall virkedager W med A < W ≤ B (negativt når B er før A)."
    )

    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp("Fra A (ikke medregnet) til og med B, begge ÅÅÅÅ-MM-DD.", valueName: "A B"))
    var operands: [String] = []

    @Flag(help: "Les «A B» per linje fra standard inn, ett svar per linje.")
    var stdin = false

    func validate() throws { try question.validate(operands, bulk: stdin) }

    func run() throws { try question.run(operands, bulk: stdin) }

    private var question: CalendarQuestion {
        let calendar = WorkingDayCalendar()
        return CalendarQuestion(operandNames: ("A", "B")) { first, second throws(InputRefusal) in
            let start = try Operand.date(first, name: "A")
            let end = try Operand.date(second, name: "B")
            return .integer(calendar.workingDays(after: start, through: end))
        }
    }
}
