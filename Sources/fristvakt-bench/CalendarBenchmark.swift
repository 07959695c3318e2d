import ArgumentParser
import Foundation
import FristCalendar
import FristTesting

/// Calendar throughput: in-process operations and the `--stdin` bulk mode of the CLI.
struct CalendarBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "calendar")

    @Option(help: "How many random inputs.") var count = 1_000_000
    @Option(help: "The fristvakt binary for the --stdin measurement (default: beside this one).")
    var fristvakt: String?

    func run() throws {
        let (calendar, buildSeconds) = Measurement.time { WorkingDayCalendar() }
        print("calendar index build: \(String(format: "%.1f", buildSeconds * 1000)) ms")

        var generator = SeededGenerator(seed: 42)
        let low = Int(try CalendarDate(parsing: "1950-01-01").dayNumber)
        let high = Int(try CalendarDate(parsing: "2150-01-01").dayNumber)
        let starts = try (0..<count).map { _ in
            try CalendarDate(dayNumber: Int.random(in: low...high, using: &generator))
        }
        let counts = (0..<count).map { _ in Int.random(in: 0...250, using: &generator) }
        let ends = try starts.map { try $0.adding(days: Int.random(in: -400...400, using: &generator)) }

        let (checksum, addSeconds) = try Measurement.time {
            var sum = 0
            for index in 0..<count {
                sum &+= Int(try calendar.addingWorkingDays(counts[index], to: starts[index]).dayNumber)
            }
            return sum
        }
        print(
            "add-working-days: \(count) calls in \(String(format: "%.3f", addSeconds)) s = \(Measurement.rate(count, addSeconds)) (checksum \(checksum))"
        )

        let (total, betweenSeconds) = Measurement.time {
            var sum = 0
            for index in 0..<count { sum &+= calendar.workingDays(after: starts[index], through: ends[index]) }
            return sum
        }
        print(
            "working-days-between: \(count) calls in \(String(format: "%.3f", betweenSeconds)) s = \(Measurement.rate(count, betweenSeconds)) (checksum \(total))"
        )

        try measureBulk(starts: starts, counts: counts)
    }

    private func measureBulk(starts: [CalendarDate], counts: [Int]) throws {
        let binary =
            fristvakt
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("fristvakt").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            print("add-working-days --stdin: skipped, no fristvakt binary at \(binary) (build it first)")
            return
        }
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("fristvakt-bench-\(getpid()).txt")
        defer { try? FileManager.default.removeItem(at: input) }
        var text = ""
        text.reserveCapacity(starts.count * 15)
        for index in starts.indices { text += "\(starts[index]) \(counts[index])\n" }
        try text.write(to: input, atomically: false, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["calendar", "add-working-days", "--stdin"]
        process.standardInput = try FileHandle(forReadingFrom: input)
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        let (_, seconds) = try Measurement.time {
            try process.run()
            process.waitUntilExit()
        }
        print(
            "add-working-days --stdin: \(starts.count) lines in \(String(format: "%.2f", seconds)) s wall (exit \(process.terminationStatus))"
        )
    }
}
