import ArgumentParser

/// `fristvakt calendar`: questions to the working-day calendar (README.md, Commands).
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Spør virkedagskalenderen (helligdager, virkedager, månedsfrister).",
        subcommands: [
            HolidaysCommand.self, AddWorkingDaysCommand.self,
            WorkingDaysBetweenCommand.self, AddMonthsCommand.self,
        ]
    )
}
