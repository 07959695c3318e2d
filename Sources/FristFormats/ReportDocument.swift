import Foundation
import FristCalendar
public import FristEngine

/// The monthly report as JSON (schema `fristvakt-report/1`), CSV and a text for reading, in
/// bokmål (docs/report.md). All three print the same figures from one list of fields, so they
/// cannot disagree.
public enum ReportDocument {
    /// The schema id.
    public static let schema = "fristvakt-report/1"

    /// A figure of a row: its group and key in the JSON, and its value (nil is `null`).
    struct Field: Sendable {
        let group: String
        let key: String
        /// A short heading in bokmål (the text's and the page's tables).
        let title: String
        /// For a share or an average: how many it is of (the tables print it beside the value).
        var n: (@Sendable (MonthlyReport.Row) -> Int)? = nil
        /// Whether the tables (text, page) show it; a count that is only another figure's *n* is
        /// left to JSON and CSV.
        var inTables = true
        let value: @Sendable (MonthlyReport.Row) -> Value

        enum Value: Equatable {
            case count(Int)
            case number(Double?)
        }
    }

    /// Every figure, in the JSON's order: the schema's fixed groups, then the rules' own sections.
    static let fields: [Field] =
        [
            Field(group: "vurdering", key: "assessed", title: "Vurdert") { .count($0.vurdering.total) },
            Field(group: "vurdering", key: "late", title: "Vurdert for sent") { .count($0.vurdering.part) },
            Field(group: "vurdering", key: "late_share", title: "Andel for sent", n: { $0.vurdering.total }) {
                .number($0.vurdering.share)
            },
            Field(group: "frist", key: "started", title: "Startet") { .count($0.frist.total) },
            Field(group: "frist", key: "breached", title: "Startet etter frist") { .count($0.frist.part) },
            Field(group: "frist", key: "breached_share", title: "Andel brudd", n: { $0.frist.total }) {
                .number($0.frist.share)
            },
            Field(group: "frist", key: "waiting_end", title: "Venter ved månedsslutt (NPR: ventende)") {
                .count($0.fristWaiting.total)
            },
            Field(group: "frist", key: "waiting_breached_end", title: "Venter med brudd") {
                .count($0.fristWaiting.part)
            },
            Field(group: "ventetid", key: "started", title: "Startet (ventetid)", inTables: false) {
                .count($0.ventetid.count)
            },
            Field(group: "ventetid", key: "mean_days", title: "Ventetid snitt (d)", n: { $0.ventetid.count }) {
                .number($0.ventetid.meanDays)
            },
            Field(group: "ventetid", key: "median_days", title: "Ventetid median (d)", n: { $0.ventetid.count }) {
                .number($0.ventetid.medianDays)
            },
            // The same number as `frist.waiting_end`, which the tables show.
            Field(group: "ventende", key: "waiting", title: "Ventende", inTables: false) {
                .count($0.fristWaiting.total)
            },
            Field(
                group: "ventende", key: "breached_share", title: "Ventende med fristbrudd, andel",
                n: { $0.fristWaiting.total }
            ) { .number($0.fristWaiting.share) },
            Field(group: "ventende", key: "mean_days", title: "Ventende, ventetid snitt (d)", n: { $0.ventende.count })
            {
                .number($0.ventende.meanDays)
            },
            Field(
                group: "ventende", key: "median_days", title: "Ventende, ventetid median (d)",
                n: { $0.ventende.count }
            ) { .number($0.ventende.medianDays) },
            Field(group: "ventende", key: "past_scheduled", title: "Passert planlagt tid") { .count($0.pastScheduled) },
            Field(group: "reell", key: "treated", title: "Reell behandling") { .count($0.reell.count) },
            Field(group: "reell", key: "median_days", title: "Til reell behandling, median (d)", n: { $0.reell.count })
            {
                .number($0.reell.medianDays)
            },
            Field(group: "reell", key: "waiting_end", title: "Venter på reell behandling") { .count($0.reellWaiting) },
            Field(group: "under23", key: "started", title: "Under 23 startet") { .count($0.under23.total) },
            Field(group: "under23", key: "within_65", title: "Innen 65 virkedager") { .count($0.under23.part) },
            Field(group: "under23", key: "share", title: "Andel innen 65", n: { $0.under23.total }) {
                .number($0.under23.share)
            },
            Field(group: "klage", key: "decided", title: "Klager avgjort") { .count($0.klage.total) },
            Field(group: "klage", key: "within_target", title: "Innen målet") { .count($0.klage.part) },
            Field(group: "klage", key: "share", title: "Andel innen målet", n: { $0.klage.total }) {
                .number($0.klage.share)
            },
            Field(group: "overproving_4a8", key: "reviewed", title: "§ 4A-8 overprøvd") {
                .count($0.overproving4A8.total)
            },
            Field(group: "overproving_4a8", key: "late", title: "§ 4A-8 for sent") { .count($0.overproving4A8.part) },
            Field(group: "mote", key: "offered", title: "Møter tilbudt") { .count($0.mote.total) },
            Field(group: "mote", key: "late", title: "Møter for sent") { .count($0.mote.part) },
            Field(group: "helfo", key: "required", title: "HELFO må varsles") { .count($0.helfoRequired) },
        ]
        + ReportSection.declared.flatMap { section in
            section.figures.map { figure in
                let counted = section.figure(figure.key)
                return Field(group: section.group, key: figure.key, title: figure.title) { .count($0[counted]) }
            }
        }

    /// The groups in order.
    static let groups: [String] = fields.reduce(into: []) { groups, field in
        if groups.last != field.group { groups.append(field.group) }
    }

    // MARK: - JSON

    /// The JSON document: one line per month and unit.
    public static func json(_ report: MonthlyReport) -> String {
        let months: [JSONNode] = report.rows.map { row in
            var members: [(String, JSONNode)] = [
                ("month", .string(row.month.description)), ("unit", .string(row.unit)),
                ("through", .date(row.through)),
            ]
            for group in groups {
                members.append(
                    (
                        group,
                        .object(
                            fields.filter { $0.group == group }.map { field in
                                switch field.value(row) {
                                case .count(let count): (field.key, .int(count))
                                case .number(let number): (field.key, number.map(JSONNode.double) ?? .null)
                                }
                            })
                    ))
            }
            return .compact(.object(members))
        }
        return JSONNode.object([
            ("schema", .string(schema)),
            ("from", .string(report.from.description)),
            ("to", .string(report.to.description)),
            ("generated_for", .date(report.generatedFor)),
            ("months", .array(months)),
        ]).rendered()
    }

    // MARK: - CSV

    /// CSV (RFC 4180, CRLF): `month,unit,through` and a column per figure named `group.key`; an
    /// empty field where the JSON has `null`.
    public static func csv(_ report: MonthlyReport) -> String { table(report, .plain) }

    /// CSV for Norwegian Excel (`--excel`): the same figures under bokmål headings, units by
    /// their bokmål names, decimal commas, an empty cell for nothing to measure.
    public static func excelCSV(_ report: MonthlyReport) -> String { table(report, .excel) }

    /// The report as CSV in one dialect: one line per month and unit, one column per figure.
    private static func table(_ report: MonthlyReport, _ dialect: CSVText.Dialect) -> String {
        let excel = dialect == .excel
        let header =
            (excel ? ["Måned", "Enhet", "Til og med"] : ["month", "unit", "through"])
            + fields.map { excel ? $0.title : "\($0.group).\($0.key)" }
        let rows = report.rows.map { row in
            [row.month.description, excel ? unitName(row.unit) : row.unit, row.through.description]
                + fields.map { field in
                    switch field.value(row) {
                    case .count(let count): String(count)
                    case .number(let number): number.map { excel ? decimalComma($0) : "\($0)" } ?? ""
                    }
                }
        }
        return CSVText.render([header] + rows, dialect)
    }

    /// A row's unit as a reader names it.
    static func unitName(_ unit: String) -> String {
        unit == MonthlyReport.allUnits ? "alle enheter" : unit.isEmpty ? "uten enhet" : unit
    }

    // MARK: - Text

    /// A table per month for reading, in bokmål: a line per figure, a column per unit (`ALL`
    /// first), decimal commas, "–" where there is nothing to measure.
    public static func text(_ report: MonthlyReport) -> String {
        var lines = [
            "Ventetidsrapport \(report.from) – \(report.to), tall per \(report.generatedFor)",
            "(definisjonene: docs/report.md; andeler med tre desimaler, dager med én, avrundet bort fra null; "
                + "n = antallet andelen eller snittet gjelder)",
        ]
        var byMonth: [[MonthlyReport.Row]] = []
        for row in report.rows {
            if byMonth.last?.first?.month == row.month {
                byMonth[byMonth.count - 1].append(row)
            } else {
                byMonth.append([row])
            }
        }
        for rows in byMonth {
            let month = rows[0]
            let header =
                [
                    month.isRunning
                        ? "\(month.month) (hittil i måneden, t.o.m. \(month.through))" : month.month.description
                ]
                + rows.map { unitName($0.unit) }
            let body = fields.filter(\.inTables).map { field in
                [field.title] + rows.map { field.tableCell($0) }
            }
            let table = [header] + body
            let widths = header.indices.map { column in table.map { $0[column].count }.max() ?? 0 }
            lines.append("")
            for cells in table {
                // The title left-aligned, the figures right-aligned.
                let padded = cells.indices.map { column in
                    let padding = String(repeating: " ", count: widths[column] - cells[column].count)
                    return column == 0 ? cells[column] + padding : padding + cells[column]
                }
                lines.append(padded.joined(separator: "  "))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension ReportDocument.Field {
    /// The value as the tables print it: decimal comma, "–" for nothing to measure, and the *n*
    /// beside a share or an average (`0,333 (n=3)`).
    func tableCell(_ row: MonthlyReport.Row) -> String {
        let text: String
        switch value(row) {
        case .count(let count): return String(count)
        case .number(nil): text = "–"
        case .number(let number?): text = ReportDocument.decimalComma(number)
        }
        return n.map { "\(text) (n=\($0(row)))" } ?? text
    }
}

extension ReportDocument {
    /// A figure with a decimal comma, as a Norwegian reader writes it.
    static func decimalComma(_ number: Double) -> String {
        "\(number)".replacingOccurrences(of: ".", with: ",")
    }
}
