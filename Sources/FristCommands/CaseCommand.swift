import ArgumentParser
import FristCalendar
import FristEngine
import FristFormats
import FristService

/// `fristvakt case REF`: one case's whole story (docs/worklist.md, "One case"): its events, its
/// clocks on the day, and its alerts. From an event file as `status` folds it, with the alerts
/// `simulate` decides; or from the service's state, read only, with the alerts it has sent.
struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Én saks historie: hendelser, frister og varsler.",
        discussion: """
            Med --events og --today: hendelsene i filen, foldet slik status gjør, og varslene \
            simulate ville gitt for saken fram til --today. Uten --events: tjenestens tilstand \
            (fra --config eller standardkonfigurasjonen), bare lest, med varslene tjenesten har \
            sendt; trygt mens tjenesten kjører. Eksempel: fristvakt case H-1001 --config /etc/fristvakt/fristvakt.toml
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "Saksreferansen.") var caseRef: String
    @Option(help: "Hendelsesfil (JSON Lines). Uten: tjenestens tilstand.") var events: String?
    @Option(help: "Dagen saken vises for, ÅÅÅÅ-MM-DD (bare med --events).") var today: DateArgument?
    @Option(help: "Utdata: text eller json.") var format: Format = .text
    @OptionGroup var config: ConfigOption

    func validate() throws {
        if events != nil, today == nil { throw ValidationError("--events krever --today") }
        if events == nil, today != nil { throw ValidationError("--today gjelder bare med --events") }
    }

    func run() throws {
        let story: CaseStory?
        let source: String
        if let events, let today {
            story = try Self.story(of: caseRef, path: events, today: today.date, configuration: try config.load())
            source = events
        } else {
            let setup = try config.serviceSetup()
            do {
                story = try DatabaseCase.story(
                    of: caseRef, store: try StorageOpening.open(setup.paths, .readOnly),
                    configuration: setup.configuration.engine, today: setup.today,
                    logger: DeadlineWatch.Setup.silentLogger)
            } catch {
                throw InputRefusal("kan ikke lese tilstanden i \(setup.stateLocation): \(error)")
            }
            source = setup.stateLocation
        }
        guard let story else { throw InputRefusal("saken «\(caseRef)» finnes ikke i \(source)") }
        StandardOutput.shared.write(format == .json ? story.json() : story.text())
    }

    /// The case from an event file: the events applied in file order as of `today` (as `status`
    /// does), and the alerts of a day-by-day simulation up to `today` (as `simulate` does). Lines
    /// of this case that were refused are named on stderr; other cases' lines are not its story.
    static func story(
        of caseRef: String, path: String, today: CalendarDate, configuration: Configuration
    ) throws -> CaseStory? {
        let input = try EventInput(path: path)
        var engine = DeadlineEngine(configuration: configuration.engine)
        var accepted: [Event] = []
        for (line, event) in input.events {
            do {
                let acceptance = try engine.accept(event, today: today)
                if acceptance == .applied, event.caseRef == caseRef { accepted.append(event) }
            } catch {
                if event.caseRef == caseRef {
                    StandardError.write("fristvakt: advarsel: \(EventFile.describe(error, path: path, line: line))\n")
                }
            }
        }
        guard let view = engine.caseView(caseRef, on: today) else { return nil }
        // The whole file is simulated, as `simulate` would run it: an id another case used first
        // is refused here as there.
        let alerts = Simulation.run(
            events: input.events, from: accepted.map(\.date).min() ?? today, to: today,
            configuration: configuration.engine
        ).alerts.filter { $0.caseRef == caseRef }
        if input.unreadableLines > 0 {
            StandardError.write(
                "fristvakt: advarsel: \(counted(input.unreadableLines, "linje", "linjer")) i \(path) kunne ikke leses "
                    + "som hendelser og er ikke med (fristvakt status viser hvorfor)\n")
        }
        return CaseStory(view: view, events: accepted, alerts: alerts, alertSource: .simulated)
    }
}
