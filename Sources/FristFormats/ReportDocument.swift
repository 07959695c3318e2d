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
        let value: @Sendable (MonthlyReport.Row) -> Value

        enum Value: Equatable {
            case count(Int)
            case number(Double?)
        }
    }

    /// Every figure, in the JSON's order.
    static let fields: [Field] = [
        Field(group: "vurdering", key: "assessed") { .count($0.vurdering.assessed) },
        Field(group: "vurdering", key: "late") { .count($0.vurdering.late) },
        Field(group: "vurdering", key: "late_share") { .number($0.vurdering.lateShare) },
        Field(group: "frist", key: "started") { .count($0.frist.started) },
        Field(group: "frist", key: "breached") { .count($0.frist.breached) },
        Field(group: "frist", key: "breached_share") { .number($0.frist.breachedShare) },
        Field(group: "frist", key: "waiting_end") { .count($0.frist.waitingEnd) },
        Field(group: "frist", key: "waiting_breached_end") { .count($0.frist.waitingBreachedEnd) },
        Field(group: "ventetid", key: "started") { .count($0.ventetid.started) },
        Field(group: "ventetid", key: "mean_days") { .number($0.ventetid.meanDays) },
        Field(group: "ventetid", key: "median_days") { .number($0.ventetid.medianDays) },
        Field(group: "reell", key: "treated") { .count($0.reell.treated) },
        Field(group: "reell", key: "median_days") { .number($0.reell.medianDays) },
        Field(group: "reell", key: "waiting_end") { .count($0.reell.waitingEnd) },
        Field(group: "under23", key: "started") { .count($0.under23.started) },
        Field(group: "under23", key: "within_65") { .count($0.under23.within65) },
        Field(group: "under23", key: "share") { .number($0.under23.share) },
        Field(group: "klage", key: "decided") { .count($0.klage.decided) },
        Field(group: "klage", key: "within_target") { .count($0.klage.withinTarget) },
        Field(group: "klage", key: "share") { .number($0.klage.share) },
        Field(group: "overproving_4a8", key: "reviewed") { .count($0.overproving4A8.done) },
        Field(group: "overproving_4a8", key: "late") { .count($0.overproving4A8.late) },
        Field(group: "mote", key: "offered") { .count($0.mote.done) },
        Field(group: "mote", key: "late") { .count($0.mote.late) },
        Field(group: "helfo", key: "required") { .count($0.helfo.required) },
    ]

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

    /// CSV (RFC 4180, CRLF): `month,unit` and a column per figure named `group.key`; an empty
    /// field where the JSON has `null`.
    public static func csv(_ report: MonthlyReport) -> String {
        var lines = [(["month", "unit"] + fields.map { "\($0.group).\($0.key)" }).joined(separator: ",")]
        for row in report.rows {
            let values = fields.map { field -> String in
                switch field.value(row) {
                case .count(let count): String(count)
                case .number(let number): number.map { "\($0)" } ?? ""
                }
            }
            // Month and unit are `YYYY-MM` and `[A-Za-z0-9._:-]` (or ALL): never quoted.
            lines.append(([row.month.description, row.unit] + values).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    // MARK: - Text

    /// A text for reading, in bokmål: a block per month and unit, one line per group, decimal
    /// commas, "–" where there is nothing to measure.
    public static func text(_ report: MonthlyReport) -> String {
        var lines = [
            "Ventetidsrapport \(report.from) – \(report.to), tall per \(report.generatedFor)",
            "(definisjonene: docs/report.md; andeler med tre desimaler, dager med én)",
        ]
        for row in report.rows {
            let unit = row.unit == MonthlyReport.allUnits ? "alle enheter" : row.unit.isEmpty ? "uten enhet" : row.unit
            func number(_ value: Double?) -> String {
                value.map { "\($0)".replacingOccurrences(of: ".", with: ",") } ?? "–"
            }
            lines.append("")
            lines.append("\(row.month) · \(unit)")
            let v = row.vurdering
            let f = row.frist
            let w = row.ventetid
            let r = row.reell
            let u = row.under23
            let k = row.klage
            lines += [
                "  vurdering   vurdert \(v.assessed), for sent \(v.late), andel for sent \(number(v.lateShare))",
                "  frist       startet \(f.started), brudd \(f.breached), andel brudd \(number(f.breachedShare)); "
                    + "venter ved månedsslutt \(f.waitingEnd), av dem brutt \(f.waitingBreachedEnd)",
                "  ventetid    startet \(w.started), snitt \(number(w.meanDays)) dager, median \(number(w.medianDays)) dager",
                "  reell       behandlet \(r.treated), median \(number(r.medianDays)) dager; "
                    + "venter ved månedsslutt \(r.waitingEnd)",
                "  under 23    startet \(u.started), innen 65 virkedager \(u.within65), andel \(number(u.share))",
                "  klage       avgjort \(k.decided), innen målet \(k.withinTarget), andel \(number(k.share))",
                "  § 4A-8      overprøvd \(row.overproving4A8.done), for sent \(row.overproving4A8.late)",
                "  møte        tilbudt \(row.mote.done), for sent \(row.mote.late)",
                "  HELFO       må varsles \(row.helfo.required)",
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
