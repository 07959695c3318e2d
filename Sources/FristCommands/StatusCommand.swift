import ArgumentParser
import FristCalendar
import FristEngine
import FristFormats
import FristHotPaths

/// `fristvakt status`: the status document the service would write on a day (docs/status-file.md).
///
/// Events are applied in file order as of `--today`, as the service applies a spool file, and
/// `generated_at` is that day's daily alert time, so the output depends only on the input.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Skriver statusdokumentet (JSON) slik tjenesten ville skrevet det på en gitt dag.")

    @Option(help: "Hendelsesfil (JSON Lines).") var events: String
    @Option(help: "Dagen statusen gjelder, ÅÅÅÅ-MM-DD.") var today: DateArgument
    @OptionGroup var config: ConfigOption

    func run() throws {
        let configuration = try config.load()
        var engine = DeadlineEngine(configuration: configuration.engine)
        // Each event is applied as it is decoded: the file's events are never all held twice. The
        // reader finds each id's earlier line as it decodes, so the engine's id set holds only
        // the ids that come again (`FileIDPass`).
        var pass = FileIDPass(lines: 0)
        let input = try EventInput(
            path: events,
            // At most one case per line: the case table does not grow by rehashing a million cases.
            prepare: { lines in
                engine.reserveCapacity(lines)
                pass = FileIDPass(lines: lines)
            },
            apply: { line, earlier, event throws(EventRefusal) in
                try pass.accept(event, line: line, earlier: earlier, into: &engine, today: today.date)
            })
        let snapshot = engine.status(on: today.date, includeRunning: configuration.statusIncludesRunning)
        let generatedAt = Timestamp.rfc3339(today.date, configuration.dailyAlertTime, timeZone: configuration.timeZone)
        StandardOutput.shared.write(bytes: StatusDocument.renderBytes(snapshot, generatedAt: generatedAt))
        HeldUntilExit.hold(engine)
        try input.finish()
    }
}
