import ArgumentParser
import FristCalendar
import FristEngine
import FristFormats
import FristHotPaths
import FristService

/// `fristvakt status`: the status document (docs/status-file.md). With `--events` and `--today`,
/// the document the service would write on that day from an event file; without, the running
/// service's own status file, as a short bokmål summary or the document itself.
///
/// From an event file, events are applied in file order as of `--today`, as the service applies
/// a spool file, and `generated_at` is that day's daily alert time, so the output depends only on
/// the input.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Tjenestens status, eller statusdokumentet (JSON) slik tjenesten ville skrevet det på en gitt dag.",
        discussion: """
            Uten --events: statusfilen tjenesten skriver (stien fra --config eller \
            standardkonfigurasjonen), som et kort sammendrag, eller dokumentet med --format json. \
            Med --events og --today: dokumentet fra en hendelsesfil.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: "Hendelsesfil (JSON Lines). Uten: tjenestens statusfil.") var events: String?
    @Option(help: "Dagen statusen gjelder, ÅÅÅÅ-MM-DD (bare med --events).") var today: DateArgument?
    @Option(help: "Utdata: text (sammendrag) eller json; med --events alltid json.") var format: Format?
    @OptionGroup var config: ConfigOption

    func validate() throws {
        if events != nil, today == nil { throw ValidationError("--events krever --today") }
        if events == nil, today != nil { throw ValidationError("--today gjelder bare med --events") }
        if events != nil, format == .text { throw ValidationError("--format text gjelder bare tjenestens status") }
    }

    func run() throws {
        guard let events, let today else { return try showService() }
        let configuration = try config.load()
        var engine = DeadlineEngine(configuration: configuration.engine)
        // Each event is applied as it is decoded: the file's events are never all held twice. The
        // reader finds each id's earlier line as it decodes, so the engine's id set holds only
        // the ids that come again (`FileIDPass`).
        var pass = FileIDPass(lines: 0)
        // The cases keep no events in memory: the few a back-dated event or a repeated id needs
        // are read again from the file (`FileHistory`).
        engine.keepsHistories = false
        // Nothing is persisted and no alert is decided: which cases changed is not noted.
        engine.tracksChanges = false
        var history: FileHistory?
        let input = try EventInput(
            path: events,
            // At most one case per line: the case table does not grow by rehashing a million cases.
            prepare: { lines in
                engine.reserveCapacity(lines.count)
                pass = FileIDPass(lines: lines.count)
                history = FileHistory(lines)
            },
            apply: { line, earlier, event throws(EventRefusal) in
                let acceptance = try pass.accept(
                    event, line: line, earlier: earlier, into: &engine, today: today.date,
                    history: { history?.events($0) })
                if acceptance == .applied { history?.applied(line: line, caseNumber: engine.lastAppliedCase) }
            })
        // Before the status's list is made: the line index and its chain, and the engine's id set
        // (every id of a file of UUIDs; no more events come).
        history = nil
        engine.releaseHistories()
        let snapshot = Self.status(of: engine, on: today.date, includeRunning: configuration.statusIncludesRunning)
        let generatedAt = Timestamp.rfc3339(today.date, configuration.dailyAlertTime, timeZone: configuration.timeZone)
        StatusDocument.write(snapshot, generatedAt: generatedAt, onTwoThreads: true) {
            StandardOutput.shared.write(bytes: $0)
        }
        HeldUntilExit.hold(engine)
        try input.finish()
    }

    /// The engine's status, its cases counted in two halves on two threads (each half's list
    /// sorted there, the two then merged): the same snapshot as `DeadlineEngine.status`.
    static func status(of engine: DeadlineEngine, on day: CalendarDate, includeRunning: Bool) -> StatusSnapshot {
        let half = engine.caseCount / 2
        let halves = [0..<half, half..<engine.caseCount]
        let parts = InParallel.map(halves.count) { index in
            engine.statusPart(on: day, includeRunning: includeRunning, cases: halves[index])
        }
        return StatusSnapshot(joining: parts)
    }

    /// The running service's status file: the summary, or the document as written.
    private func showService() throws {
        let setup = try config.serviceSetup()
        let input = try StatusFileInput(path: setup.paths.status)
        let summary = try input.decode(StatusSummary.init(statusFile:))
        input.warnIfStale(generatedAt: summary.generatedAt, setup: setup, command: "status")
        if format == .json {
            StandardOutput.shared.write(bytes: Array(input.bytes))
        } else {
            StandardOutput.shared.write(summary.text(path: input.path))
        }
    }
}
