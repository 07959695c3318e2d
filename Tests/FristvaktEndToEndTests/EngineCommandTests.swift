import Foundation
import Testing

/// `simulate` and `status` against the shipped examples, byte for byte.
@Suite("fristvakt simulate and status")
struct EngineCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func file(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static func contents(_ relative: String) throws -> String {
        try String(contentsOfFile: file(relative), encoding: .utf8)
    }

    @Test("examples/basic.jsonl, the contract's worked example, comes out exactly")
    func workedExample() throws {
        let result = try CommandRunner.run([
            "simulate", "--events", Self.file("examples/basic.jsonl"), "--from", "2026-01-01", "--to",
            "2026-09-30",
        ])
        #expect(result.status == 0)
        #expect(result.stdout == (try Self.contents("examples/basic.simulate.expected")))
        #expect(result.stderr.isEmpty)
    }

    @Test("examples/ombud.jsonl: simulate")
    func ombudSimulate() throws {
        let result = try CommandRunner.run([
            "simulate", "--events", Self.file("examples/ombud.jsonl"), "--from", "2026-01-01", "--to", "2026-12-31",
        ])
        #expect(result.status == 0)
        #expect(result.stdout == (try Self.contents("examples/ombud.simulate.expected")))
    }

    @Test("examples/ombud.jsonl: status on 2026-12-08")
    func ombudStatus() throws {
        let result = try CommandRunner.run([
            "status", "--events", Self.file("examples/ombud.jsonl"), "--today", "2026-12-08",
        ])
        #expect(result.status == 0)
        #expect(result.stdout == (try Self.contents("examples/ombud.status-2026-12-08.json")))
        // It is JSON a poller can read.
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["schema"] as? String == "fristvakt-status/1")
    }

    @Test("a status listing thousands of clocks comes out whole, each clock once, in case order")
    func longStatus() throws {
        let count = 3_000
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fristvakt-long-\(getpid()).jsonl")
        defer { try? FileManager.default.removeItem(at: path) }
        // Received 2026-11-20: on 2026-12-08 every referral is past its ten working days.
        try (0..<count).map {
            #"{"id":"r\#($0)","type":"referral.received","case":"L-\#(String(format: "%05d", $0))","date":"2026-11-20","unit":"U\#($0 % 3)"}"#
        }.joined(separator: "\n").write(to: path, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["status", "--events", path.path, "--today", "2026-12-08"])
        #expect(result.status == 0, "\(result.stderr)")
        // Larger than standard output's 64 KiB buffer: written straight, after nothing else.
        #expect(result.stdout.utf8.count > 1 << 16)
        #expect(result.stdout.hasPrefix("{\n  \"schema\": \"fristvakt-status/1\""))
        #expect(result.stdout.hasSuffix("]\n}\n"))
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let open = object?["open"] as? [[String: Any]] ?? []
        #expect(open.map { $0["case"] as? String } == (0..<count).map { String(format: "L-%05d", $0) })
        #expect(open.allSatisfy { $0["state"] as? String == "breached" && $0["rule"] as? String == "vurderingsfrist" })
    }

    @Test("bad lines are refused with file, line, field and reason; their neighbours still count")
    func mixed() throws {
        let path = Self.file("examples/mixed.jsonl")
        let result = try CommandRunner.run(["simulate", "--events", path, "--from", "2026-11-01", "--to", "2026-12-03"])
        #expect(result.status == 1)
        #expect(
            result.stdout == """
                2026-12-02\tat-risk\tvurderingsfrist\tT-1\t2026-12-07
                2026-12-02\tat-risk\tvurderingsfrist\tT-3\t2026-12-07

                """)
        #expect(
            result.stderr == """
                fristvakt: \(path):2: felt «unt»: ukjent felt for referral.received
                fristvakt: \(path):3: ugyldig JSON
                fristvakt: \(path):4: felt «case»: ukjent sak «T-9»: første hendelse i en sak må være referral.received, complaint.received, vedtak4a.made, incident.occurred eller complaint.filed
                fristvakt: 3 hendelser i \(path) ble avvist

                """)
        let status = try CommandRunner.run(["status", "--events", path, "--today", "2026-12-02"])
        #expect(status.status == 1)
        #expect(status.stderr.contains("\(path):6: felt «date»: datoen 2026-12-31 er etter i dag (2026-12-02)"))
        #expect(status.stdout.contains(#""at-risk": 2"#))
    }

    @Test("a broken --config is refused with its key; a bad --from is a usage error")
    func configAndUsage() throws {
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("fristvakt-bad-\(getpid()).toml")
        try "[calendar]\nsaturday = true\n".write(to: config, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: config) }
        let result = try CommandRunner.run([
            "status", "--events", Self.file("examples/ombud.jsonl"), "--today", "2026-12-08", "--config", config.path,
        ])
        #expect(result.status == 1)
        #expect(result.stderr == "fristvakt: \(config.path): nøkkel «calendar.saturday»: ukjent nøkkel\n")
        let usage = try CommandRunner.run([
            "simulate", "--events", Self.file("examples/ombud.jsonl"), "--from", "2026-13-01", "--to", "2026-12-31",
        ])
        #expect(usage.status == 2)
        // The parser's own words in bokmål: errors, usage and help.
        #expect(usage.stderr.hasPrefix("Feil: Verdien «2026-13-01» er ugyldig for «--from <from>»"), "\(usage.stderr)")
        #expect(usage.stderr.contains("\nBruk: fristvakt simulate --events <events>"), "\(usage.stderr)")
        #expect(usage.stderr.contains("Se «fristvakt simulate --help» for mer hjelp."), "\(usage.stderr)")
        let missing = try CommandRunner.run(["simulate", "--from", "2026-12-01"])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("Feil: Mangler påkrevd argument «--events <events>»"), "\(missing.stderr)")
        let choice = try CommandRunner.run(["cases", "--format", "xml"])
        #expect(choice.stderr.contains("Oppgi en av «table», «json» eller «csv»."), "\(choice.stderr)")
        let unknown = try CommandRunner.run(["status", "--bogus"])
        #expect(unknown.stderr.hasPrefix("Feil: Ukjent valg «--bogus»"), "\(unknown.stderr)")
        let help = try CommandRunner.run(["report", "--help"])
        #expect(help.status == 0)
        for heading in ["OVERSIKT:", "BRUK:", "VALG:", "Vis denne hjelpen.", "standard: text)"] {
            #expect(help.stdout.contains(heading), "\(heading) in \(help.stdout)")
        }
        for english in [usage.stderr, missing.stderr, choice.stderr, unknown.stderr, help.stdout] {
            for word in ["Error", "Usage", "OVERVIEW", "OPTIONS", "Show help", "is invalid", "default:", "Please"] {
                #expect(!english.contains(word), "«\(word)» in \(english)")
            }
        }
        // Found while running, not parsing: the message alone, exit 2.
        let future = try CommandRunner.run(
            ["report", "--events", Self.file("examples/report.jsonl"), "--from", "2026-01", "--to", "2099-01"])
        #expect(future.status == 2)
        #expect(future.stderr.hasPrefix("fristvakt: --to 2099-01 er etter inneværende måned"), "\(future.stderr)")
    }

    @Test("a missing events file is refused, not a crash")
    func missingFile() throws {
        let result = try CommandRunner.run(["status", "--events", "/nonexistent.jsonl", "--today", "2026-12-08"])
        #expect(result.status == 1)
        #expect(result.stderr == "fristvakt: /nonexistent.jsonl: kan ikke leses (finnes ikke, eller mangler tilgang)\n")
    }
}
