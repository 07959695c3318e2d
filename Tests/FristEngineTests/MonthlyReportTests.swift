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
        // Waiting on 01-31: R1 and R2 (received 01-05) 26 days, R6 (01-13) 18; 70 / 3.
        #expect(jan.ventende.meanDays == 23.3 && jan.ventende.medianDays == 26.0 && jan.pastScheduled == 0)

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
        // Waiting on 02-28: R2 54 days, R3 29, R4 26; 109 / 3.
        #expect(feb.ventende.meanDays == 36.3 && feb.ventende.medianDays == 29.0)

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
        // R3 waits on, its frist (03-31) passed: 90 days from 01-30 to 04-30.
        #expect(apr.fristWaiting.share == 1.0 && apr.ventende.medianDays == 90.0 && apr.ventende.count == 1)
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
        #expect(header.count == 36, "month, unit, through, 30 fixed figures and klage_underinstans' 3")
        // The tables leave out the two counts that only repeat another figure.
        let hidden: Set<String> = ["ventetid.started", "ventende.waiting"]
        #expect(months.count == csvLines.count - 1)
        // The text: a table per month, a line per field, a column per unit in the JSON's order
        // ("–" for null, decimal commas).
        let blocks = ReportDocument.text(report).components(separatedBy: "\n\n").dropFirst()
        #expect(blocks.count == 4)
        var textValues: [String: String] = [:]  // "month|unit|group.key" → value as in the CSV
        var textN: [String: String] = [:]  // the same key → the n printed beside it
        for block in blocks {
            let lines = block.split(separator: "\n").map(String.init)
            let month = String(lines[0].prefix(7))
            let units = months.filter { $0["month"] as? String == month }.map { $0["unit"] as! String }
            #expect(lines.count == 32, "a header and 31 figures")
            for (line, column) in zip(lines.dropFirst(), header.dropFirst(3).filter { !hidden.contains($0) }) {
                // Cells are "12", "0,333 (n=3)" or "– (n=0)".
                let cells = line.replacingOccurrences(of: " (n=", with: "(n=").split(separator: " ")
                    .suffix(units.count).map(String.init)
                for (unit, cell) in zip(units, cells) {
                    let parts = cell.split(separator: "(n=")
                    let value = String(parts[0])
                    textValues["\(month)|\(unit)|\(column)"] =
                        value == "–" ? "" : value.replacingOccurrences(of: ",", with: ".")
                    if parts.count == 2 { textN["\(month)|\(unit)|\(column)"] = String(parts[1].dropLast()) }
                }
            }
        }
        for (object, csv) in zip(months, csvLines.dropFirst()) {
            #expect(csv[0] == object["month"] as? String && csv[1] == object["unit"] as? String)
            #expect(csv[2] == object["through"] as? String)
            // Each share and average shows the count it is of.
            let key = "\(csv[0])|\(csv[1])|"
            #expect(textN[key + "frist.breached_share"] == csv[header.firstIndex(of: "frist.started")!])
            #expect(textN[key + "ventende.median_days"] == csv[header.firstIndex(of: "ventende.waiting")!])
            #expect(textN[key + "vurdering.late_share"] == csv[header.firstIndex(of: "vurdering.assessed")!])
            for (index, column) in header.enumerated().dropFirst(3) {
                let parts = column.split(separator: ".").map(String.init)
                let value = (object[parts[0]] as? [String: Any])?[parts[1]]
                let text = value.map { $0 is NSNull ? "" : "\($0)" } ?? "missing"
                #expect(text == csv[index], "\(column) in \(csv[0]) \(csv[1])")
                if !hidden.contains(column) {
                    #expect(
                        textValues["\(csv[0])|\(csv[1])|\(column)"] == text, "text: \(column) in \(csv[0]) \(csv[1])")
                }
            }
        }
    }

    @Test("the Excel CSV has the plain CSV's figures, in bokmål with decimal commas and a byte order mark")
    func excel() throws {
        let report = try Self.report()
        let excel = ReportDocument.excelCSV(report)
        #expect(excel.hasPrefix("\u{FEFF}Måned;Enhet;Til og med;Vurdert;Vurdert for sent;Andel for sent;"))
        let plain = ReportDocument.csv(report).split(separator: "\r\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let rows = excel.dropFirst().split(separator: "\r\n").map {
            $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        }
        #expect(rows.count == plain.count && rows[0].count == plain[0].count)
        for (excelRow, plainRow) in zip(rows.dropFirst(), plain.dropFirst()) {
            let unit = plainRow[1] == "ALL" ? "alle enheter" : plainRow[1].isEmpty ? "uten enhet" : plainRow[1]
            #expect(excelRow[1] == unit)
            #expect(
                excelRow.enumerated().filter { $0.offset != 1 }.map(\.element)
                    == plainRow.enumerated().filter { $0.offset != 1 }.map {
                        $0.element.replacingOccurrences(of: ".", with: ",")
                    })
        }
        #expect(rows.contains { $0.contains("0,333") }, "a share with a decimal comma")
    }

    @Test("rounding is half away from zero on the exact value")
    func rounding() {
        #expect(MonthlyReport.share(1, of: 8) == 0.125)
        #expect(MonthlyReport.share(1, of: 16) == 0.063)  // 0.0625
        #expect(MonthlyReport.share(9, of: 2000) == 0.005)  // 0.0045, just below the half in binary
        #expect(MonthlyReport.share(1, of: 3) == 0.333)
        #expect(MonthlyReport.share(2, of: 3) == 0.667)
        #expect(MonthlyReport.share(0, of: 0) == nil)
    }

    /// Four patients waiting, worked by hand: W1 has a planned start that passed, W2 a frist that
    /// passed; June is still running on the report's day, 2026-06-10.
    static let waiting = """
        {"id":"w1a","type":"referral.received","case":"W1","date":"2026-05-04"}
        {"id":"w1b","type":"referral.assessed","case":"W1","date":"2026-05-06","outcome":"right","frist":"2026-06-30","scheduled":"2026-05-20"}
        {"id":"w2a","type":"referral.received","case":"W2","date":"2026-05-11"}
        {"id":"w2b","type":"referral.assessed","case":"W2","date":"2026-05-12","outcome":"right","frist":"2026-05-29"}
        {"id":"w3a","type":"referral.received","case":"W3","date":"2026-05-25"}
        {"id":"w3b","type":"referral.assessed","case":"W3","date":"2026-05-26","outcome":"right","frist":"2026-07-15"}
        {"id":"w4a","type":"referral.received","case":"W4","date":"2026-05-04"}
        {"id":"w4b","type":"referral.assessed","case":"W4","date":"2026-05-05","outcome":"right","frist":"2026-06-15"}

        """

    @Test("NPR's figures for those waiting, and a month still running, worked by hand")
    func ventende() throws {
        let file = EventFile(path: "waiting.jsonl", contents: Data(Self.waiting.utf8))
        let decoded = try file.lines.map { (tag: $0.number, event: try $0.result.get()) }
        let asOf = try CalendarDate(parsing: "2026-06-10")
        let outcome = Simulation.run(events: decoded, from: try CalendarDate(parsing: "2026-05-01"), to: asOf)
        let report = outcome.engine.monthlyReport(
            from: try CalendarMonth(parsing: "2026-05"), to: try CalendarMonth(parsing: "2026-06"), asOf: asOf)
        let may = try Self.row(report, "2026-05", "ALL")
        #expect(may.through.description == "2026-05-31" && !may.isRunning)
        #expect(may.fristWaiting == .init(total: 4, part: 1))  // W2's frist 05-29 lies before 05-31
        #expect(may.fristWaiting.share == 0.25)
        // Days to 05-31: W1 27, W2 20, W3 6, W4 27. Mean 80 / 4; median of an even count, (20 + 27) / 2.
        #expect(may.ventende.meanDays == 20.0)
        #expect(may.ventende.medianDays == 23.5)
        #expect(may.pastScheduled == 1)  // W1, planned 05-20
        let june = try Self.row(report, "2026-06", "ALL")
        #expect(june.through.description == "2026-06-10" && june.isRunning)
        // As of 06-10: W1 37, W2 30, W3 16, W4 37 days; W4's frist 06-15 has not passed.
        #expect(june.fristWaiting == .init(total: 4, part: 1))
        #expect(june.ventende.meanDays == 30.0)
        #expect(june.ventende.medianDays == 33.5)
        #expect(june.pastScheduled == 1)
        // The JSON says so, and the text marks the month.
        let json = ReportDocument.json(report)
        #expect(json.contains(#""month": "2026-06", "unit": "ALL", "through": "2026-06-10""#), "\(json)")
        #expect(
            json.contains(
                #""ventende": {"waiting": 4, "breached_share": 0.25, "mean_days": 30.0, "median_days": 33.5, "past_scheduled": 1}"#
            ), "\(json)")
        let text = ReportDocument.text(report)
        #expect(text.contains("2026-06 (hittil i måneden, t.o.m. 2026-06-10)"), "\(text)")
        #expect(text.contains("Passert planlagt tid"))
    }
}
