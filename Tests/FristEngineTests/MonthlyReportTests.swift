import Foundation
import FristCalendar
import FristEngine
import FristFormats
import FristTesting
import Testing

/// The monthly report on a small history worked out by hand (docs/report.md has the
/// definitions): month boundaries, an even-count median, a unit filter, and the JSON, CSV and
/// text agreeing. Calendar facts used: 2026-01-01 and Easter (2026-04-02 … 04-06) are holidays;
/// a vurderingsfrist is received + 10 working days.
@Suite("monthly report, worked by hand")
struct MonthlyReportTests {
    /// Six referrals (units A, B and none), two complaints, a § 4A vedtak and an incident.
    static let events = ReportFixture.handWorkedEvents

    static func report(units: Set<String>? = nil) throws -> MonthlyReport {
        let file = EventFile(path: "hand.jsonl", contents: Data(events.utf8))
        let decoded = try file.lines.map { (tag: $0.number, event: try $0.result.get()) }
        let asOf = try CalendarDate(parsing: "2026-04-30")
        let outcome = Simulation.run(events: decoded, from: try CalendarDate(parsing: "2026-01-01"), to: asOf)
        #expect(outcome.refusals.isEmpty, "\(outcome.refusals)")
        return outcome.engine.monthlyReport(
            from: try CalendarMonth(parsing: "2026-01"), to: try CalendarMonth(parsing: "2026-04"), asOf: asOf,
            units: units, helfoAlerts: outcome.alerts.filter { $0.kind == .helfoRequired })
    }

    static func row(_ report: MonthlyReport, _ month: String, _ unit: String) throws -> MonthlyReport.Row {
        try #require(report.rows.first { $0.month.description == month && $0.unit == unit }, "\(month) \(unit)")
    }

    @Test("all units: every field of every month")
    func allUnits() throws {
        let report = try Self.report()
        #expect(report.generatedFor.description == "2026-04-30")
        #expect(report.rows.map(\.unit).prefix(4) == ["ALL", "", "A", "B"], "ALL first, then units by name")
        #expect(report.rows.count == 4 * 4)

        let jan = try Self.row(report, "2026-01", "ALL")
        #expect(jan.vurdering == .init(total: 3, part: 1))  // R2 assessed 01-26, due 01-19
        #expect(jan.vurdering.share == 0.333)
        #expect(jan.frist == .init(total: 0, part: 0) && jan.fristWaiting == .init(total: 3, part: 0))
        #expect(jan.frist.share == nil)
        #expect(jan.ventetid.count == 0 && jan.ventetid.meanDays == nil && jan.ventetid.medianDays == nil)
        #expect(jan.reell.count == 0 && jan.reellWaiting == 0)
        #expect(jan.klage.total == 0 && jan.klage.share == nil)
        #expect(jan.helfoRequired == 0)

        let feb = try Self.row(report, "2026-02", "ALL")
        #expect(feb.vurdering == .init(total: 2, part: 0))
        #expect(feb.vurdering.share == 0.0)
        #expect(feb.frist == .init(total: 2, part: 0) && feb.fristWaiting == .init(total: 3, part: 0))
        // R1 46 days, R6 43 days: the median of an even count is the mean of the middle two.
        #expect(feb.ventetid.count == 2)
        #expect(feb.ventetid.medianDays == 44.5)
        #expect(feb.ventetid.meanDays == 44.5)
        #expect(feb.klage == .init(total: 1, part: 1))
        #expect(feb.klage.share == 1.0)
        #expect(feb.mote == .init(total: 1, part: 1))  // offered 02-20, due 02-12
        #expect(feb.overproving4A8 == .init(total: 0, part: 0))

        let mar = try Self.row(report, "2026-03", "ALL")
        #expect(mar.vurdering == .init(total: 1, part: 0))
        // R2 (74 days, late), R4 (57, late), R5 (32, on time). R4 started on 03-31: stopped in
        // March and not waiting at its end; R3 is at risk on its due day, 03-31.
        #expect(mar.frist == .init(total: 3, part: 2) && mar.fristWaiting == .init(total: 1, part: 0))
        #expect(mar.frist.share == 0.667)
        #expect(mar.ventetid.meanDays == 54.3)
        #expect(mar.ventetid.medianDays == 57.0)
        #expect(mar.reell.count == 0 && mar.reell.medianDays == nil && mar.reellWaiting == 1)
        #expect(mar.under23 == .init(total: 1, part: 1))
        #expect(mar.under23.share == 1.0)
        #expect(mar.overproving4A8 == .init(total: 1, part: 0))
        #expect(mar.helfoRequired == 1)  // R3: at risk with no planned start

        let apr = try Self.row(report, "2026-04", "ALL")
        #expect(apr.vurdering == .init(total: 0, part: 0))
        #expect(apr.vurdering.share == nil)
        #expect(apr.frist == .init(total: 0, part: 0) && apr.fristWaiting == .init(total: 1, part: 1))
        #expect(apr.reell.count == 1 && apr.reell.medianDays == 100.0 && apr.reellWaiting == 0)
        #expect(apr.klage == .init(total: 1, part: 0))  // K2: due after Easter, decided 04-20
        #expect(apr.klage.share == 0.0)
        #expect(apr.helfoRequired == 0, "at most once per frist")
    }

    @Test("per unit: a case counts under its unit, cases without one under \"\"")
    func perUnit() throws {
        let report = try Self.report()
        let a = try Self.row(report, "2026-03", "A")
        #expect(a.frist == .init(total: 1, part: 1) && a.fristWaiting == .init(total: 0, part: 0))
        #expect(a.ventetid.medianDays == 74.0)
        #expect(a.reellWaiting == 1)
        #expect(a.overproving4A8 == .init(total: 1, part: 0))
        let b = try Self.row(report, "2026-03", "B")
        #expect(b.frist == .init(total: 1, part: 1) && b.fristWaiting == .init(total: 1, part: 0))
        #expect(b.under23 == .init(total: 1, part: 1))
        #expect(b.helfoRequired == 1)
        let none = try Self.row(report, "2026-04", "")
        #expect(none.klage == .init(total: 1, part: 0))
        #expect(try Self.row(report, "2026-02", "B").mote == .init(total: 1, part: 1))
        // Each unit row plus the others make ALL, field by field.
        for month in ["2026-01", "2026-02", "2026-03", "2026-04"] {
            let parts = try ["", "A", "B"].map { try Self.row(report, month, $0) }
            let all = try Self.row(report, month, "ALL")
            #expect(parts.reduce(0) { $0 + $1.frist.total } == all.frist.total)
            #expect(parts.reduce(0) { $0 + $1.fristWaiting.total } == all.fristWaiting.total)
            #expect(parts.reduce(0) { $0 + $1.vurdering.total } == all.vurdering.total)
            #expect(parts.reduce(0) { $0 + $1.helfoRequired } == all.helfoRequired)
        }
    }

    @Test("a unit filter keeps ALL whole and shows only that unit")
    func unitFilter() throws {
        let whole = try Self.report()
        let filtered = try Self.report(units: ["B"])
        #expect(Set(filtered.rows.map(\.unit)) == ["ALL", "B"])
        #expect(filtered.rows.filter { $0.unit == "ALL" } == whole.rows.filter { $0.unit == "ALL" })
        #expect(filtered.rows.filter { $0.unit == "B" } == whole.rows.filter { $0.unit == "B" })
    }

    @Test("the JSON, the CSV and the text print the same figures")
    func formatsAgree() throws {
        let report = try Self.report()
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(ReportDocument.json(report).utf8)) as? [String: Any])
        #expect(json["schema"] as? String == "fristvakt-report/1")
        #expect(json["from"] as? String == "2026-01" && json["to"] as? String == "2026-04")
        #expect(json["generated_for"] as? String == "2026-04-30")
        let months = try #require(json["months"] as? [[String: Any]])
        let csvLines = ReportDocument.csv(report).split(separator: "\r\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let header = csvLines[0]
        #expect(header.count == 30, "month, unit, 25 fixed figures and klage_underinstans' 3")
        #expect(months.count == csvLines.count - 1)
        // The text: a table per month, a line per field, a column per unit in the JSON's order
        // ("–" for null, decimal commas).
        let blocks = ReportDocument.text(report).components(separatedBy: "\n\n").dropFirst()
        #expect(blocks.count == 4)
        var textValues: [String: String] = [:]  // "month|unit|group.key" → value as in the CSV
        for block in blocks {
            let lines = block.split(separator: "\n").map(String.init)
            let month = String(lines[0].prefix(7))
            let units = months.filter { $0["month"] as? String == month }.map { $0["unit"] as! String }
            #expect(lines.count == 29, "a header and 28 figures")
            for (line, column) in zip(lines.dropFirst(), header.dropFirst(2)) {
                let values = line.split(separator: " ").suffix(units.count).map(String.init)
                for (unit, value) in zip(units, values) {
                    textValues["\(month)|\(unit)|\(column)"] =
                        value == "–" ? "" : value.replacingOccurrences(of: ",", with: ".")
                }
            }
        }
        for (object, csv) in zip(months, csvLines.dropFirst()) {
            #expect(csv[0] == object["month"] as? String && csv[1] == object["unit"] as? String)
            for (index, column) in header.enumerated().dropFirst(2) {
                let parts = column.split(separator: ".").map(String.init)
                let value = (object[parts[0]] as? [String: Any])?[parts[1]]
                let text = value.map { $0 is NSNull ? "" : "\($0)" } ?? "missing"
                #expect(text == csv[index], "\(column) in \(csv[0]) \(csv[1])")
                #expect(textValues["\(csv[0])|\(csv[1])|\(column)"] == text, "text: \(column) in \(csv[0]) \(csv[1])")
            }
        }
    }
}
