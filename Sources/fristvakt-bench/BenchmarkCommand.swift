import ArgumentParser

/// `fristvakt-bench`: speed and memory figures for the README. Not a test: it asserts nothing.
@main
struct BenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fristvakt-bench",
        abstract: "Measures fristvakt's calendar and engine; prints the figures the README quotes.",
        subcommands: [CalendarBenchmark.self, EngineBenchmark.self, ServiceBenchmark.self, DecoderBenchmark.self],
        defaultSubcommand: CalendarBenchmark.self
    )
}
