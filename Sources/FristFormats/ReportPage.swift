import FristCalendar
public import FristEngine
import Mustache

/// The monthly report as one self-contained HTML page in bokmål (docs/report.md): trend charts
/// as inline SVG, a table per unit sorted by breaches with small bars, a headline of today's
/// open breaches, and for each figure what it means and its law reference. No script, no
/// external resource, print-friendly. Rendered by swift-mustache from `ReportPageTemplate`;
/// every figure cell carries its JSON field (`data-month`, `data-unit`, `data-field`,
/// `data-value`), so the page can be checked against the JSON.
public enum ReportPage {
    /// Renders the page for a report and the status on its `generatedFor` day.
    public static func render(_ report: MonthlyReport, status: StatusSnapshot) -> String {
        // The templates are ours and fixed: a parse error is a bug the tests catch at once.
        let library = MustacheLibrary(templates: [
            "page": try! MustacheTemplate(string: ReportPageTemplate.page),
            "chart": try! MustacheTemplate(string: ReportPageTemplate.chart),
            "monthTable": try! MustacheTemplate(string: ReportPageTemplate.monthTable),
        ])
        return library.render(Page(report: report, status: status), withTemplate: "page") ?? ""
    }

    // MARK: - The view model (what the template reads, by property name)

    struct Page {
        let title: String
        let period: String
        let generatedFor: String
        let version = BuildInfo.version
        let headline: Headline
        let shareChart: ReportChart
        let dayChart: ReportChart
        let units: [UnitLine]
        let hasUnits: Bool
        let allMonths: MonthTable
        let unitMonths: [MonthTable]
        let definitions: [Definition]
        /// Said above the charts when the last month is still running.
        let runningNote: String?

        init(report: MonthlyReport, status: StatusSnapshot) {
            let months = Array(Set(report.rows.map(\.month))).sorted()
            let all = report.rows.filter { $0.unit == MonthlyReport.allUnits }
            let monthNames = months.map(ReportPage.shortMonth)
            let runningMonth = all.firstIndex(where: \.isRunning)
            title = "Ventetider og pasientrettigheter \(report.from) – \(report.to)"
            period = "\(ReportPage.monthName(report.from)) – \(ReportPage.monthName(report.to))"
            generatedFor = report.generatedFor.description
            headline = Headline(status: status)
            let shares: [ReportChart.Input] = [
                ("Brudd blant startede", "s1", all.map(\.frist.share), all.map(\.frist.total)),
                ("Vurdert for sent", "s2", all.map(\.vurdering.share), all.map(\.vurdering.total)),
                ("Klager innen målet", "s3", all.map(\.klage.share), all.map(\.klage.total)),
                (
                    "Ventende med fristbrudd", "s4", all.map(\.fristWaiting.share),
                    all.map(\.fristWaiting.total)
                ),
            ]
            shareChart = ReportChart(
                label: "Andeler per måned",
                caption: "Andel startet etter fristen blant dem som startet, andel henvisninger vurdert etter "
                    + "vurderingsfristen, andel klager avgjort innen målet, og andel av dem som venter ved "
                    + "månedsslutt som har passert fristen (NPR: ventende med fristbrudd), per måned. Et brudd i "
                    + "linjen er en måned uten noe å måle; pek på et punkt for tallet og n.",
                monthNames: monthNames, runningMonth: runningMonth, series: shares, maximum: 1, tickCount: 4,
                format: { ReportPage.percent($0, decimals: 0) })
            let days: [ReportChart.Input] = [
                ("Median ventetid til start", "s1", all.map(\.ventetid.medianDays), all.map(\.ventetid.count)),
                ("Median ventetid til reell behandling", "s4", all.map(\.reell.medianDays), all.map(\.reell.count)),
                ("Median ventetid for ventende", "s2", all.map(\.ventende.medianDays), all.map(\.ventende.count)),
            ]
            let longest = days.flatMap { $0.values.compactMap { $0 } }.max() ?? 0
            dayChart = ReportChart(
                label: "Ventetid per måned",
                caption: "Median kalenderdager fra mottatt henvisning til helsehjelpen startet, mot median til reell "
                    + "behandling for dem der fristen ble «holdt» med en første konsultasjon (avstanden er "
                    + "ventetiden statistikken ikke viser), og median ventetid så langt for dem som fortsatt venter "
                    + "ved månedsslutt (NPR: ventende).",
                monthNames: monthNames, runningMonth: runningMonth, series: days,
                maximum: ReportChart.roundedMaximum(longest), tickCount: 4,
                format: { "\(ReportPage.decimal($0, decimals: 0)) d" })
            units = UnitLine.lines(report)
            hasUnits = !units.isEmpty
            allMonths = MonthTable(unit: MonthlyReport.allUnits, rows: all)
            unitMonths = Set(report.rows.map(\.unit)).subtracting([MonthlyReport.allUnits]).sorted().map { unit in
                MonthTable(unit: unit, rows: report.rows.filter { $0.unit == unit })
            }
            definitions = ReportPage.definitions
            runningNote = all.last(where: \.isRunning).map {
                "\(ReportPage.monthName($0.month).capitalizedFirst) er hittil i måneden (tall t.o.m. \($0.through)): "
                    + "hult punkt og * i grafene. Måneden er ikke ferdig, og tallene kan endre seg."
            }
        }
    }

    struct Headline {
        let breached: Int
        let atRisk: Int
        let helfo: Int
        let today: String
        let rules: [RuleCount]

        init(status: StatusSnapshot) {
            breached = status.totals[.breached] ?? 0
            atRisk = status.totals[.atRisk] ?? 0
            helfo = status.open.filter(\.helfoRequired).count
            today = status.today.description
            rules = RuleID.allCases.compactMap { rule in
                let count = status.rules[rule]?[.breached] ?? 0
                return count == 0
                    ? nil : RuleCount(title: rule.definition.title, law: rule.definition.law, count: count)
            }
        }
    }

    struct RuleCount {
        let title: String
        let law: String
        let count: Int
    }

    /// One unit over the whole period: sums of what happened, and the last month's snapshot of
    /// who waits (waiting counts are snapshots and are never summed over months).
    struct UnitLine {
        let unit: String
        let started: Int
        let breached: Int
        let breachedShare: String
        let breachedBar: Int
        let waitingBreached: Int
        let waitingBreachedBar: Int
        let assessedLate: Int
        let assessed: Int
        let reellWaiting: Int
        let helfo: Int

        static func lines(_ report: MonthlyReport) -> [UnitLine] {
            let byUnit = Dictionary(grouping: report.rows.filter { $0.unit != MonthlyReport.allUnits }, by: \.unit)
            let raw = byUnit.map { unit, rows -> (String, [MonthlyReport.Row]) in
                (unit, rows.sorted { $0.month < $1.month })
            }
            let maxBreached = max(1, raw.map { $0.1.reduce(0) { $0 + $1.frist.part } }.max() ?? 1)
            let maxWaiting = max(1, raw.map { $0.1.last?.fristWaiting.part ?? 0 }.max() ?? 1)
            return raw.map { unit, rows in
                let started = rows.reduce(0) { $0 + $1.frist.total }
                let breached = rows.reduce(0) { $0 + $1.frist.part }
                let waiting = rows.last?.fristWaiting.part ?? 0
                return UnitLine(
                    unit: unit.isEmpty ? "(uten enhet)" : unit, started: started, breached: breached,
                    breachedShare: MonthlyReport.share(breached, of: started).map { ReportPage.percent($0) } ?? "–",
                    breachedBar: breached * 100 / maxBreached, waitingBreached: waiting,
                    waitingBreachedBar: waiting * 100 / maxWaiting,
                    assessedLate: rows.reduce(0) { $0 + $1.vurdering.part },
                    assessed: rows.reduce(0) { $0 + $1.vurdering.total },
                    reellWaiting: rows.last?.reellWaiting ?? 0, helfo: rows.reduce(0) { $0 + $1.helfoRequired })
            }
            .sorted { ($1.breached, $1.waitingBreached, $0.unit) < ($0.breached, $0.waitingBreached, $1.unit) }
        }
    }

    /// Every figure of every month of one unit (or ALL), a line per figure and a column per
    /// month, each cell tagged with its JSON field.
    struct MonthTable {
        let unit: String
        let label: String
        let months: [MonthHeading]
        let lines: [FigureLine]

        init(unit: String, rows: [MonthlyReport.Row]) {
            self.unit = unit
            label = unit == MonthlyReport.allUnits ? "Alle enheter" : unit.isEmpty ? "Uten enhet" : unit
            months = rows.map {
                MonthHeading(
                    label: ReportPage.shortMonth($0.month), running: $0.isRunning, through: $0.through.description)
            }
            lines = ReportDocument.fields.filter(\.inTables).map { field in
                FigureLine(
                    title: field.title,
                    cells: rows.map { row in
                        let value = field.value(row)
                        let n = field.n.map { $0(row) }
                        let shown = ReportPage.shown(value, share: field.key.hasSuffix("share"))
                        return Cell(
                            month: row.month.description, field: "\(field.group).\(field.key)",
                            value: ReportPage.raw(value), n: n.map(String.init),
                            text: n.map { "\(shown) (n=\($0))" } ?? shown)
                    })
            }
        }
    }

    struct MonthHeading {
        let label: String
        /// The month still running on the report's day ("hittil i måneden").
        let running: Bool
        /// Its last day counted.
        let through: String
    }

    struct FigureLine {
        let title: String
        let cells: [Cell]
    }

    struct Cell {
        let month: String
        let field: String
        /// The JSON value as written there (`null` for none).
        let value: String
        /// For a share or an average, how many it is of.
        let n: String?
        /// As shown: counts as they are, shares in per cent, days with a decimal comma.
        let text: String
    }

    struct Definition {
        let title: String
        let text: String
        let source: String
    }

    // MARK: - Definitions

    /// The fixed groups' definitions, then each rule's own sections'.
    static let definitions: [Definition] =
        [
            Definition(
                title: "Vurdert, vurdert for sent",
                text: "Henvisninger der vurderingsfristen ble stoppet (vurdert) i måneden; for sent er de som ble "
                    + "vurdert etter fristen. Speiler NPRs andel henvisninger vurdert innen fristen.",
                source: RuleID.vurderingsfrist.definition.law),
            Definition(
                title: "Startet, startet etter frist, andel brudd",
                text: "Pasienter med rett til helsehjelp der helsehjelpen startet (NPR: avviklet) i måneden, og av "
                    + "dem de som startet etter fristen. Unntatte og avsluttede frister telles ikke.",
                source: RuleID.fristHelsehjelp.definition.law),
            Definition(
                title: "Venter ved månedsslutt, venter med brudd",
                text: "Frister som løper, er i faresonen eller er brutt ved utgangen av måneden (NPR: ventende, og "
                    + "ventende med fristbrudd). Et øyeblikksbilde: tallene kan ikke summeres over måneder.",
                source: RuleID.fristHelsehjelp.definition.law),
            Definition(
                title: "Ventende: andel med fristbrudd, ventetid, passert planlagt tid",
                text: "Av dem som venter ved månedsslutt (NPR: ventende): andelen med frist før månedens siste "
                    + "dag (NPR: ventende med fristbrudd), kalenderdager fra mottatt henvisning til månedens siste "
                    + "dag, snitt og median (NPR: ventetid for ventende), og hvor mange som har en planlagt start "
                    + "før månedens siste dag uten å ha startet («passert planlagt tid»). For måneden som pågår "
                    + "gjelder tallene rapportens dag i stedet for månedens siste.",
                source: RuleID.fristHelsehjelp.definition.law),
            Definition(
                title: "Ventetid",
                text: "Kalenderdager fra henvisningen ble mottatt til helsehjelpen startet, for dem som startet i "
                    + "måneden: snitt og median (NPR: ventetid for avviklede).",
                source: RuleID.fristHelsehjelp.definition.law),
            Definition(
                title: "Reell behandling",
                text: "Fristen ble «holdt» med en første konsultasjon mens behandlingen venter. Behandlet: reell "
                    + "behandling startet i måneden, median kalenderdager fra mottatt henvisning. Venter: slike "
                    + "pasienter uten behandling ved månedsslutt. Finnes ikke i den nasjonale statistikken.",
                source: RuleID.reellOppstart.definition.law),
            Definition(
                title: "Under 23 år, psykisk helse og rus",
                text: "Henvisninger i gruppen der helsehjelpen startet i måneden, og av dem de som startet innen 65 "
                    + "virkedager fra mottatt henvisning.",
                source: OverCap.law),
            Definition(
                title: "Klager avgjort, innen målet",
                text: "Rettighetsklager Statsforvalteren avgjorde i måneden, og av dem de som ble avgjort innen "
                    + "målet på tre måneder.",
                source: RuleID.statsforvalterKlage.definition.law),
            Definition(
                title: "§ 4A-8 overprøvd, møter tilbudt",
                text: "Overprøvinger av vedtak om helsehjelp uten samtykke, og møter etter alvorlige hendelser, "
                    + "gjennomført i måneden; for sent er etter fristen.",
                source: "\(RuleID.overproving4A8.definition.law); \(RuleID.moteAlvorligHendelse.definition.law)"),
            Definition(
                title: "HELFO må varsles",
                text: "Varsler om at fristen for helsehjelp ikke kan holdes og HELFO må kontaktes, datert i måneden.",
                source: HelfoRequired.law),
        ]
        + ReportSection.declared.map { Definition(title: $0.heading, text: $0.explanation, source: $0.source) }

    // MARK: - Formatting (bokmål: decimal comma)

    static func decimal(_ value: Double, decimals: Int) -> String {
        var text = "\(value)"
        if decimals == 0 {
            text = String(Int(value.rounded()))
        } else if let dot = text.firstIndex(of: ".") {
            let fraction = text[text.index(after: dot)...]
            text =
                text[..<dot] + "," + fraction.prefix(decimals)
                + String(repeating: "0", count: max(0, decimals - fraction.count))
        }
        return text
    }

    static func percent(_ share: Double, decimals: Int = 1) -> String {
        let scaled = (share * 1000).rounded() / 10
        return decimal(scaled, decimals: decimals) + " %"
    }

    static func raw(_ value: ReportDocument.Field.Value) -> String {
        switch value {
        case .count(let count): String(count)
        case .number(let number): number.map { "\($0)" } ?? "null"
        }
    }

    static func shown(_ value: ReportDocument.Field.Value, share: Bool) -> String {
        switch value {
        case .count(let count): String(count)
        case .number(nil): "–"
        case .number(let number?): share ? percent(number) : decimal(number, decimals: 1)
        }
    }

    /// "jan. 26": a column or axis label.
    static func shortMonth(_ month: CalendarMonth) -> String {
        let names = ["jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des"]
        return "\(names[month.month - 1]) \(month.year % 100 < 10 ? "0" : "")\(month.year % 100)"
    }

    /// "januar 2026".
    static func monthName(_ month: CalendarMonth) -> String {
        let names = [
            "januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
            "november", "desember",
        ]
        return "\(names[month.month - 1]) \(month.year)"
    }
}

extension String {
    /// The string with its first letter upper-cased ("desember 2026" → "Desember 2026").
    fileprivate var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
