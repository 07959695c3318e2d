import ArgumentParser
import Foundation
import FristEngine
import FristFormats
import FristService

/// `fristvakt submit FILE…`: validates event files and places them in the spool (docs/events.md, the spool).
///
/// Without the service's state it checks what a file alone can show: every line's fields, and
/// that no event is dated after today. Rules that need the state (an unknown case, a reused id)
/// are judged by the service, which writes such refusals to `rejected/`. If any line is refused,
/// no file is spooled, so a submission is never half taken. A file larger than the service takes
/// (`SpoolDirectory.maximumFileBytes`) is spooled as several parts, cut between lines, that sort
/// in their order.
struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Kontrollerer hendelsesfiler og legger dem i køen til tjenesten.")

    @Argument(help: "Hendelsesfiler (JSON Lines).") var files: [String]
    @OptionGroup var config: ConfigOption

    func run() throws {
        let setup = try config.serviceSetup()
        let now = setup.clock.now()
        let today = try setup.schedule.checkedToday(at: now)
        var contents: [(path: String, bytes: [UInt8])] = []
        var refused = 0
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else {
                StandardError.write("fristvakt: \(FileError(path: path, reason: "kan ikke leses"))\n")
                refused += 1
                continue
            }
            let file = EventFile(path: path, contents: data)
            for line in file.lines {
                do throws(EventRefusal) {
                    let event = try line.result.get()
                    if event.date > today { throw EventRefusal.dateAfterToday(event.date, today: today) }
                } catch {
                    StandardError.write("fristvakt: \(file.describe(error, line: line.number))\n")
                    refused += 1
                }
            }
            contents.append((path, Array(data)))
        }
        guard refused == 0 else {
            throw InputRefusal("\(counted(refused, "linje", "linjer")) avvist; ingen fil ble lagt i køen")
        }
        let spool = SpoolDirectory(root: setup.paths.spool)
        do {
            try spool.prepare()
            var sequence = 0
            for file in contents {
                let parts = SpoolDirectory.parts(of: file.bytes)
                for (index, part) in parts.enumerated() {
                    let name = try spool.place(Array(part), originalName: file.path, now: now, sequence: sequence)
                    sequence += 1
                    let which = parts.count == 1 ? "" : " (del \(index + 1) av \(parts.count))"
                    StandardOutput.shared.write("\(file.path)\(which) → \(spool.incoming)/\(name)\n")
                }
            }
        } catch {
            throw InputRefusal("kunne ikke legge filen i køen: \(error)")
        }
    }
}
