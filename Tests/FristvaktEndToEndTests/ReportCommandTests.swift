import Foundation
import GRDB
import Glibc
import Testing

/// `fristvakt report` end to end: the shipped example byte for byte, the page read by a real
/// headless Chromium (its DOM against the JSON, and a screenshot), the service's daily page, and
/// the read-only report from the service's database.
@Suite("fristvakt report: the monthly report and its page")
struct ReportCommandTests {
    /// The example's clock: the report of 2026 as of its last day.
    static let now = ["FRISTVAKT_NOW": "2027-01-15T08:00:00+01:00"]
    static let arguments = [
        "--events", EngineCommandTests.file("examples/report.jsonl"), "--from", "2026-01", "--to", "2026-12",
    ]

    @Test("examples/report.jsonl gives examples/report-2026.json and .html exactly")
    func example() throws {
        for format in ["json", "html"] {
            let result = try CommandRunner.run(
                ["report"] + Self.arguments + ["--format", format], environment: Self.now)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == (try EngineCommandTests.contents("examples/report-2026.\(format)")), "\(format)")
        }
    }

    @Test("headless Chromium: every figure in the page's DOM equals the JSON; a screenshot is taken")
    func pageInChromium() throws {
        let chromium = try TestTools.require("/usr/bin/chromium", package: "chromium")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let page = folder + "/rapport.html"
        let html = try CommandRunner.run(["report"] + Self.arguments + ["--format", "html"], environment: Self.now)
        try html.stdout.write(toFile: page, atomically: true, encoding: .utf8)
        let json = try CommandRunner.run(["report"] + Self.arguments + ["--format", "json"], environment: Self.now)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let months = try #require(document["months"] as? [[String: Any]])

        // Self-contained: nothing fetched, nothing run.
        #expect(!html.stdout.contains("<script"))
        #expect(!html.stdout.contains("src="))
        #expect(!html.stdout.contains("href="))
        #expect(!html.stdout.contains("url("))

        let flags = [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(folder)/profile",
        ]
        let dom = try CommandRunner.run(chromium, flags + ["--dump-dom", "file://\(page)"])
        #expect(dom.status == 0, "\(dom.stderr)")
        let cells = Self.cells(dom.stdout)
        // Every figure but the two counts that only repeat another (checked against their twin).
        #expect(cells.count == months.count * 31, "every figure of every month and unit is in the DOM")
        let twins = ["ventetid.started": "frist.started", "ventende.waiting": "frist.waiting_end"]
        // The count each share or average is of, which the page prints beside it as n.
        let counts = [
            "vurdering.late_share": "vurdering.assessed", "frist.breached_share": "frist.started",
            "ventetid.mean_days": "frist.started", "ventetid.median_days": "frist.started",
            "ventende.breached_share": "frist.waiting_end", "ventende.mean_days": "frist.waiting_end",
            "ventende.median_days": "frist.waiting_end", "reell.median_days": "reell.treated",
            "under23.share": "under23.started", "klage.share": "klage.decided",
        ]
        var checked = 0
        for object in months {
            let month = try #require(object["month"] as? String)
            let unit = try #require(object["unit"] as? String)
            func figure(_ field: String) -> Any? {
                let parts = field.split(separator: ".").map(String.init)
                return (object[parts[0]] as? [String: Any])?[parts[1]]
            }
            for (group, value) in object where value is [String: Any] {
                for (key, number) in try #require(value as? [String: Any]) {
                    if let twin = twins["\(group).\(key)"] {
                        #expect("\(number)" == "\(figure(twin) ?? "")", "\(month) \(unit) \(group).\(key)")
                        checked += 1
                        continue
                    }
                    let cell = try #require(
                        cells["\(month)|\(unit)|\(group).\(key)"], "\(month) \(unit) \(group).\(key)")
                    let n = counts["\(group).\(key)"].map { "\(figure($0) ?? "")" }
                    #expect(cell.n == n, "\(month) \(unit) \(group).\(key): n")
                    let expected = number is NSNull ? "null" : "\(number)"
                    #expect(cell.value == expected, "\(month) \(unit) \(group).\(key)")
                    // As shown: counts as they are, shares in per cent, days with a decimal comma.
                    let shown: String
                    if number is NSNull {
                        shown = "–"
                    } else if key.hasSuffix("share"), let share = number as? Double {
                        shown = String(format: "%.1f %%", share * 100).replacingOccurrences(of: ".", with: ",")
                    } else if key.hasSuffix("days"), let days = number as? Double {
                        shown = String(format: "%.1f", days).replacingOccurrences(of: ".", with: ",")
                    } else {
                        shown = "\(number)"
                    }
                    let withN = n.map { "\(shown) (n=\($0))" } ?? shown
                    #expect(cell.text == withN, "\(month) \(unit) \(group).\(key): \(cell.text) vs \(withN)")
                    checked += 1
                }
            }
        }
        #expect(checked == months.count * 33)
        // Each chart point names its n.
        #expect(dom.stdout.contains("<title>des 26: Brudd blant startede "), "\(dom.stdout.prefix(0))")
        #expect(
            dom.stdout.range(of: #"<title>[a-z]+ \d\d: [^<]+ \(n=\d+\)</title>"#, options: .regularExpression) != nil)
        #expect(!dom.stdout.contains("Startet (ventetid)"), "the duplicate row is gone")
        #expect(dom.stdout.contains(#"<span id="generated-for">2026-12-31</span>"#))

        let screenshot = folder + "/rapport.png"
        let shot = try CommandRunner.run(
            chromium, flags + ["--window-size=1000,1560", "--screenshot=\(screenshot)", "file://\(page)"])
        #expect(shot.status == 0, "\(shot.stderr)")
        let png = try Data(contentsOf: URL(fileURLWithPath: screenshot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG")
        // Width and height from the IHDR chunk.
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 1000 && height == 1560)
        #expect(png.count > 50_000, "a page with charts and tables, not a blank one (\(png.count) bytes)")
    }

    @Test("the month still running: its through day, marked in text and page; a month not begun is refused")
    func runningMonth() throws {
        let chromium = try TestTools.require("/usr/bin/chromium", package: "chromium")
        let now = ["FRISTVAKT_NOW": "2026-12-06T12:00:00+01:00"]
        let arguments = [
            "--events", EngineCommandTests.file("examples/report.jsonl"), "--from", "2026-10", "--to", "2026-12",
        ]
        let json = try CommandRunner.run(["report"] + arguments + ["--format", "json"], environment: now)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let months = try #require(document["months"] as? [[String: Any]])
        let through = Dictionary(
            months.map { ("\($0["month"]!)|\($0["unit"]!)", $0["through"] as? String) }, uniquingKeysWith: { $1 })
        #expect(through["2026-11|ALL"] == "2026-11-30")
        #expect(through["2026-12|ALL"] == "2026-12-06" && through["2026-12|BUP"] == "2026-12-06")
        let text = try CommandRunner.run(["report"] + arguments, environment: now)
        #expect(text.stdout.contains("\n2026-12 (hittil i måneden, t.o.m. 2026-12-06)  alle enheter"), "\(text.stdout)")
        #expect(text.stdout.contains("\n2026-11  "), "a whole month is not marked")

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("running-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let html = try CommandRunner.run(["report"] + arguments + ["--format", "html"], environment: now)
        try html.stdout.write(toFile: folder + "/rapport.html", atomically: true, encoding: .utf8)
        let dom = try CommandRunner.run(
            chromium,
            [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(folder)/profile", "--dump-dom",
                "file://\(folder)/rapport.html",
            ])
        #expect(dom.status == 0, "\(dom.stderr)")
        #expect(dom.stdout.contains(#"data-running="true" data-through="2026-12-06""#))
        #expect(dom.stdout.contains("hittil i måneden (t.o.m. 2026-12-06)"))
        #expect(dom.stdout.contains(#"id="running-month""#))
        // December's points are hollow and say so; November's are not.
        #expect(dom.stdout.contains(#"class="s1 running""#))
        #expect(dom.stdout.contains("<title>des 26 (hittil i måneden): Brudd blant startede"))
        #expect(!dom.stdout.contains("<title>nov 26 (hittil"))

        let future = try CommandRunner.run(
            [
                "report", "--events", EngineCommandTests.file("examples/report.jsonl"), "--from", "2026-11", "--to",
                "2027-01",
            ],
            environment: now)
        #expect(future.status == 2)
        #expect(future.stderr.contains("--to 2027-01 er etter inneværende måned"), "\(future.stderr)")
        #expect(future.stdout.isEmpty, "nothing printed for a month that has not begun")
    }

    @Test("a chart with nothing to draw says «ingen data»")
    func emptyChart() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try #"{"id":"i1","type":"incident.occurred","case":"A-1","date":"2026-03-02"}"#.write(
            toFile: folder + "/one.jsonl", atomically: true, encoding: .utf8)
        let html = try CommandRunner.run(
            ["report", "--events", folder + "/one.jsonl", "--from", "2026-03", "--to", "2026-04", "--format", "html"],
            environment: Self.now)
        #expect(html.status == 0, "\(html.stderr)")
        #expect(html.stdout.components(separatedBy: ">ingen data</p>").count == 3, "both charts")
        #expect(!html.stdout.contains("<svg class=\"chart\""), "no empty frame")
        #expect(
            html.stdout.contains("<h3>Andeler per måned</h3>") && html.stdout.contains("<h3>Ventetid per måned</h3>"))
    }

    @Test("the service writes the page from its database; report --config reads it without writing")
    func servicePage() throws {
        try TestJournal.ensureRunning()
        let sandbox = try ServiceSandbox(report: true)
        var service = try sandbox.start(now: "2026-12-08T08:00:00+01:00")
        let started = Date()
        try sandbox.drop("ombud.jsonl", sandbox.events(ServiceAlertTests.ombud))
        #expect(sandbox.waitUntilIdle(since: started), "\(service.log)")
        // The page of the start was written before the file came; the next daily run rewrites it.
        #expect(service.stop() == 0)
        service = try sandbox.start(now: "2026-12-09T08:00:00+01:00")
        #expect(
            sandbox.wait {
                (try? String(contentsOfFile: sandbox.reportPath, encoding: .utf8))?.contains("2026-12-09</span>")
                    == true
            }, "\(service.log)")
        #expect(service.stop() == 0)
        let page = try String(contentsOfFile: sandbox.reportPath, encoding: .utf8)
        #expect(page.contains("januar 2026 – desember 2026"), "the last 12 months")
        let attributes = try FileManager.default.attributesOfItem(atPath: sandbox.reportPath)
        #expect((attributes[.posixPermissions] as? Int) == 0o640, "the status file's mode")

        // The same figures from the database, read-only: the database, the status file and the
        // page stay as they were. (SQLite makes the WAL index files a reader needs; they stay empty.)
        let state = sandbox.root + "/state"
        func snapshot() throws -> [String: [FileAttributeKey: Any]] {
            Dictionary(
                uniqueKeysWithValues: try ["fristvakt.sqlite", "status.json", "rapport.html"].map {
                    ($0, try FileManager.default.attributesOfItem(atPath: state + "/" + $0))
                })
        }
        let before = try snapshot()
        let database = try Data(contentsOf: URL(fileURLWithPath: state + "/fristvakt.sqlite"))
        // The service may have left its WAL behind (with content) when it stopped.
        let walBefore = try? FileManager.default.attributesOfItem(atPath: state + "/fristvakt.sqlite-wal")
        let json = try CommandRunner.run(
            ["report", "--config", sandbox.configPath, "--from", "2026-01", "--to", "2026-12", "--format", "json"],
            environment: ["FRISTVAKT_NOW": "2026-12-09T09:00:00+01:00"])
        #expect(json.status == 0, "\(json.stderr)")
        let after = try snapshot()
        for (name, attributes) in before {
            #expect(after[name]?[.modificationDate] as? Date == attributes[.modificationDate] as? Date, "\(name)")
            #expect(after[name]?[.size] as? Int == attributes[.size] as? Int, "\(name)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: state + "/fristvakt.sqlite")) == database)
        let wal = try? FileManager.default.attributesOfItem(atPath: state + "/fristvakt.sqlite-wal")
        if let walBefore {
            #expect(wal?[.size] as? Int == walBefore[.size] as? Int, "nothing written to the WAL")
            #expect(wal?[.modificationDate] as? Date == walBefore[.modificationDate] as? Date)
        } else {
            #expect((wal?[.size] as? Int ?? 0) == 0, "nothing written to the WAL")
        }
        let months = try #require(
            (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["months"]
                as? [[String: Any]])
        let cells = Self.cells(page)
        for object in months {
            let month = try #require(object["month"] as? String)
            let unit = try #require(object["unit"] as? String)
            let frist = try #require(object["frist"] as? [String: Any])
            #expect(
                cells["\(month)|\(unit)|frist.waiting_end"]?.value == "\(frist["waiting_end"]!)", "\(month) \(unit)")
            #expect(cells["\(month)|\(unit)|frist.started"]?.value == "\(frist["started"]!)", "\(month) \(unit)")
        }
        // The ombud set's figures (docs/report.md works them out): H-5 breached since April.
        let april = try #require(months.first { $0["month"] as? String == "2026-04" && $0["unit"] as? String == "KIR" })
        #expect((april["frist"] as? [String: Any])?["waiting_breached_end"] as? Int == 1)
    }

    @Test(
        "as root, report and verify-state refuse another user's database instead of making root-owned files",
        .enabled(if: geteuid() == 0, "needs root (CI runs as root)"))
    func rootRefusesForeignDatabase() throws {
        try TestJournal.ensureRunning()
        let sandbox = try ServiceSandbox()
        let service = try sandbox.start(now: "2026-12-08T08:00:00+01:00")
        #expect(sandbox.wait { FileManager.default.fileExists(atPath: sandbox.statusPath) }, "\(service.log)")
        #expect(service.stop() == 0)
        let state = sandbox.root + "/state"
        for name in try FileManager.default.contentsOfDirectory(atPath: state) where name.hasPrefix("fristvakt.sqlite")
        {
            #expect(chown(state + "/" + name, 65_534, 65_534) == 0)
        }
        let before = Set(try FileManager.default.contentsOfDirectory(atPath: state))
        for command in [
            ["report", "--from", "2026-01", "--to", "2026-12"], ["verify-state"],
        ] {
            let result = try CommandRunner.run(
                command + ["--config", sandbox.configPath], environment: ["FRISTVAKT_NOW": "2026-12-09T09:00:00+01:00"])
            #expect(result.status == 1, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("tilhører brukeren"), "\(command): \(result.stderr)")
        }
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: state)) == before, "no file made")
    }

    @Test("a month range that is backwards, or starts after today, is refused")
    func badRanges() throws {
        let backwards = try CommandRunner.run(
            [
                "report", "--events", EngineCommandTests.file("examples/ombud.jsonl"), "--from", "2026-05", "--to",
                "2026-04",
            ],
            environment: Self.now)
        #expect(backwards.status == 2, "\(backwards.stderr)")
        #expect(backwards.stderr.contains("--from 2026-05 er etter --to 2026-04"))
        let future = try CommandRunner.run(
            [
                "report", "--events", EngineCommandTests.file("examples/ombud.jsonl"), "--from", "2027-03", "--to",
                "2027-04",
            ],
            environment: Self.now)
        #expect(future.status == 2, "\(future.stderr)")
        let month = try CommandRunner.run(
            [
                "report", "--events", EngineCommandTests.file("examples/ombud.jsonl"), "--from", "2026-13", "--to",
                "2027-01",
            ],
            environment: Self.now)
        #expect(month.status == 2)
    }

    /// The figure cells of a page: `month|unit|field` → (data-value, text).
    static func cells(_ html: String) -> [String: (value: String, n: String?, text: String)] {
        let pattern = try! NSRegularExpression(
            pattern:
                #"<td data-month="([^"]*)" data-unit="([^"]*)" data-field="([^"]*)" data-value="([^"]*)"(?: data-n="([0-9]*)")?>([^<]*)</td>"#
        )
        var cells: [String: (value: String, n: String?, text: String)] = [:]
        let range = NSRange(html.startIndex..., in: html)
        for match in pattern.matches(in: html, range: range) {
            func group(_ index: Int) -> String? {
                let range = match.range(at: index)
                return range.location == NSNotFound ? nil : Range(range, in: html).map { String(html[$0]) }
            }
            cells["\(group(1)!)|\(group(2)!)|\(group(3)!)"] = (group(4)!, group(5), group(6)!)
        }
        return cells
    }
}
