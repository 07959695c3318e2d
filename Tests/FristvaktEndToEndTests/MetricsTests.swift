import Foundation
import FoundationNetworking
import FristService
import GRDB
import Glibc
import Testing

/// The metrics file against the real Prometheus tools: `promtool check metrics` on the file the
/// service writes, and a real `prometheus-node-exporter` on loopback serving it from its textfile
/// folder, with the same numbers as the status file and the alert log, across a restart.
@Suite("Metrics for Prometheus: promtool and node_exporter")
struct MetricsTests {
    /// One sample of a scrape.
    struct Sample: Equatable {
        let name: String
        let labels: [String: String]
        let value: Double
    }

    @Test("the service's metrics file passes promtool, and node_exporter serves the status file's numbers")
    func nodeExporterServesTheStatusNumbers() async throws {
        let promtool = try TestTools.require("/usr/bin/promtool", package: "prometheus")
        let exporter = try TestTools.require(
            "/usr/bin/prometheus-node-exporter", package: "prometheus-node-exporter")
        try TestJournal.ensureRunning()
        let sandbox = try ServiceSandbox(metrics: true)
        try FileManager.default.createDirectory(atPath: sandbox.textfileFolder, withIntermediateDirectories: true)
        let now = "2026-12-08T08:00:00+01:00"
        var service = try sandbox.start(now: now)
        let started = Date()
        try sandbox.drop("ombud.jsonl", sandbox.events(ServiceAlertTests.ombud))
        // One repeated line and one refused line, for the intake counters.
        try sandbox.drop(
            "more.jsonl",
            sandbox.events(
                #"{"id":"@o1","type":"referral.received","case":"@T-1","date":"2026-11-23","unit":"ORT"}"# + "\n"
                    + #"{"id":"@bad","type":"referral.received","case":"@X-1","date":"2026-13-01"}"# + "\n"))
        #expect(sandbox.waitUntilIdle(since: started), "\(service.log)")
        #expect(sandbox.wait { FileManager.default.fileExists(atPath: sandbox.metricsPath) }, "\(service.log)")
        #expect(
            sandbox.wait {
                (try? Self.file(sandbox)).map {
                    Self.value($0, "fristvakt_intake_lines_total", ["result": "refused"]) == 1
                } ?? false
            })

        // promtool reads the file as Prometheus would.
        let check = try CommandRunner.run(
            promtool, ["check", "metrics"], stdin: try String(contentsOfFile: sandbox.metricsPath, encoding: .utf8))
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")

        let port = try TestTools.freeLoopbackPort()
        let daemon = try TestTools.Daemon(
            exporter,
            [
                "--web.listen-address=127.0.0.1:\(port)", "--collector.disable-defaults", "--collector.textfile",
                "--collector.textfile.directory=\(sandbox.textfileFolder)",
            ], logPath: sandbox.root + "/node-exporter.log")
        defer { daemon.stop() }
        var scrape = try await Self.scrape(port: port, daemon: daemon)
        #expect(Self.value(scrape, "node_textfile_scrape_error", [:]) == 0, "\(daemon.log)")

        let status = try sandbox.status()
        let rules = try #require(status["rules"] as? [String: [String: Int]])
        for (rule, states) in rules {
            for (state, count) in states {
                #expect(
                    Self.value(scrape, "fristvakt_clocks", ["rule": rule, "state": state]) == Double(count),
                    "\(rule) \(state)")
            }
        }
        let units = try #require(status["units"] as? [String: [String: Int]])
        #expect(Set(units.keys) == ["", "BUP", "KIR", "ORT", "PSYK"])
        for (unit, states) in units {
            for state in ["running", "at-risk", "breached"] {
                let served = scrape.filter {
                    $0.name == "fristvakt_open_clocks" && $0.labels["unit"] == unit && $0.labels["state"] == state
                }
                #expect(served.count == rules.count, "one sample per rule")
                #expect(served.reduce(0) { $0 + $1.value } == Double(states[state] ?? -1), "\(unit) \(state)")
            }
        }
        let logged = try Self.alertCounts(sandbox)
        #expect(!logged.isEmpty)
        for kind in ["at-risk", "breached", "reminder", "helfo-required", "over-cap", "resolved"] {
            #expect(
                Self.value(scrape, "fristvakt_alerts_total", ["kind": kind]) == Double(logged[kind] ?? 0), "\(kind)")
        }
        #expect(Self.value(scrape, "fristvakt_intake_lines_total", ["result": "applied"]) == 11)
        #expect(Self.value(scrape, "fristvakt_intake_lines_total", ["result": "duplicate"]) == 1)
        #expect(Self.value(scrape, "fristvakt_intake_lines_total", ["result": "refused"]) == 1)
        let target = try #require((status["targets"] as? [String: [String: Any]])?["statsforvalter-klage"])
        #expect(
            Self.value(scrape, "fristvakt_target_share", ["target": "statsforvalter-klage"])
                == (target["share"] as? Double))
        #expect(Self.value(scrape, "fristvakt_build_info", ["version": "0.2.0"]) == 1)
        // The service's clock started at `now`: the daily run (07:00) and the intake came after it.
        let start = try #require(ISO8601DateFormatter().date(from: now)).timeIntervalSince1970
        for name in ["fristvakt_last_intake_timestamp_seconds", "fristvakt_last_daily_run_timestamp_seconds"] {
            let value = try #require(Self.value(scrape, name, [:]), "\(name)")
            #expect(value >= start && value < start + 600, "\(name) \(value)")
        }
        #expect((Self.value(scrape, "fristvakt_daily_run_duration_seconds", [:]) ?? -1) >= 0)

        // A restart reads the counters back from the database: the same numbers, no alert again.
        #expect(service.stop() == 0)
        let before = scrape
        let restarted = Date()
        service = try sandbox.start(now: "2026-12-08T09:00:00+01:00")
        defer { _ = service.stop() }
        #expect(
            sandbox.wait {
                let modified = try? FileManager.default.attributesOfItem(atPath: sandbox.metricsPath)[.modificationDate]
                return (modified as? Date).map { $0 >= restarted.addingTimeInterval(-0.02) } ?? false
            }, "\(service.log)")
        scrape = try await Self.scrape(port: port, daemon: daemon)
        for family in ["fristvakt_alerts_total", "fristvakt_intake_lines_total", "fristvakt_clocks"] {
            #expect(
                scrape.filter { $0.name == family }.sorted(by: Self.order)
                    == before.filter { $0.name == family }.sorted(by: Self.order), "\(family)")
        }
    }

    @Test("a reload that names a metrics file counts the alerts already in the log")
    func metricsByReload() throws {
        try TestJournal.ensureRunning()
        let sandbox = try ServiceSandbox()
        let service = try sandbox.start(now: "2026-12-08T08:00:00+01:00")
        defer { _ = service.stop() }
        let started = Date()
        try sandbox.drop("ombud.jsonl", sandbox.events(ServiceAlertTests.ombud))
        #expect(sandbox.waitUntilIdle(since: started), "\(service.log)")
        try FileManager.default.createDirectory(atPath: sandbox.textfileFolder, withIntermediateDirectories: true)
        sandbox.writesMetrics = true
        try sandbox.rewriteConfiguration("")
        kill(service.process.processIdentifier, SIGHUP)
        #expect(sandbox.wait { FileManager.default.fileExists(atPath: sandbox.metricsPath) }, "\(service.log)")
        let logged = try Self.alertCounts(sandbox)
        let samples = try Self.file(sandbox)
        #expect(!logged.isEmpty)
        for (kind, count) in logged {
            #expect(Self.value(samples, "fristvakt_alerts_total", ["kind": kind]) == Double(count), "\(kind)")
        }
    }

    @Test("etc/prometheus/fristvakt-alerts.yml passes promtool check rules and its unit tests")
    func alertingRules() throws {
        let promtool = try TestTools.require("/usr/bin/promtool", package: "prometheus")
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let check = try CommandRunner.run(
            promtool, ["check", "rules", "etc/prometheus/fristvakt-alerts.yml"], directory: root)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("SUCCESS: 4 rules found"), "\(check.stdout)")
        let unit = try CommandRunner.run(
            promtool, ["test", "rules", "Tests/prometheus/fristvakt-alerts.test.yml"], directory: root)
        #expect(unit.status == 0, "\(unit.stdout)\(unit.stderr)")
    }

    // MARK: - Helpers

    static func order(_ lhs: Sample, _ rhs: Sample) -> Bool {
        "\(lhs.name)\(lhs.labels.sorted { $0.key < $1.key })" < "\(rhs.name)\(rhs.labels.sorted { $0.key < $1.key })"
    }

    /// The metrics file itself, parsed.
    static func file(_ sandbox: ServiceSandbox) throws -> [Sample] {
        parse(try String(contentsOfFile: sandbox.metricsPath, encoding: .utf8))
    }

    /// GET /metrics from node_exporter, retried while it starts.
    static func scrape(port: Int, daemon: TestTools.Daemon) async throws -> [Sample] {
        let url = try #require(URL(string: "http://127.0.0.1:\(port)/metrics"))
        for _ in 0..<100 {
            if let (data, response) = try? await URLSession.shared.data(from: url),
                (response as? HTTPURLResponse)?.statusCode == 200
            {
                return parse(String(decoding: data, as: UTF8.self))
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestFailure("node_exporter did not answer on port \(port): \(daemon.log)")
    }

    /// Samples of the Prometheus text format (label values here hold no quotes or escapes).
    static func parse(_ text: String) -> [Sample] {
        text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#"), let space = line.lastIndex(of: " "),
                let value = Double(line[line.index(after: space)...])
            else { return nil }
            let series = line[..<space]
            guard let brace = series.firstIndex(of: "{") else {
                return Sample(name: String(series), labels: [:], value: value)
            }
            var labels: [String: String] = [:]
            for pair in series[series.index(after: brace)..<series.index(before: series.endIndex)]
                .split(separator: ",")
            {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { continue }
                labels[String(parts[0])] = String(parts[1].dropFirst().dropLast())
            }
            return Sample(name: String(series[..<brace]), labels: labels, value: value)
        }
    }

    /// The one sample of a family with exactly these labels.
    static func value(_ samples: [Sample], _ name: String, _ labels: [String: String]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    /// The alert log's counts by kind.
    static func alertCounts(_ sandbox: ServiceSandbox) throws -> [String: Int] {
        let database = try DatabaseQueue(path: sandbox.databasePath)
        return try database.read { db in
            Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT kind, count(*) FROM alert GROUP BY kind").map {
                    ($0[0] as String, $0[1] as Int)
                })
        }
    }
}
