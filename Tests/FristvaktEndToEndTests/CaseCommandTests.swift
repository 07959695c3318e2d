import Foundation
import FristTesting
import Testing

/// `fristvakt case REF` against the commands it must agree with: on random streams, its open
/// clocks are exactly `status`'s for the case, its alerts exactly `simulate`'s, and its events
/// exactly the case's lines that `status` did not refuse. Every run prints its seed.
@Suite("fristvakt case: one case's story")
struct CaseCommandTests {
    /// A temporary folder holding the stream and a configuration listing running clocks.
    final class Folder {
        let path: String
        init() throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("case-\(UUID())").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            try "[status]\ninclude_running = true\n".write(toFile: config, atomically: true, encoding: .utf8)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        var config: String { path + "/fristvakt.toml" }
        var events: String { path + "/events.jsonl" }
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The cases' lines merged by date, each case's lines in their own order: a stream as a
    /// hospital's systems write it.
    static func stream(cases: Int, using random: inout SeededGenerator) -> [String] {
        var histories = (0..<cases).map { CaseHistory.random($0, using: &random) }
        var lines: [String] = []
        while histories.contains(where: { !$0.isEmpty }) {
            let pick = histories.indices.filter { !histories[$0].isEmpty }.randomElement(using: &random)!
            lines.append(histories[pick].removeFirst())
        }
        return lines
    }

    @Test("on random streams, case agrees with status (clocks, events) and simulate (alerts)")
    func agreesWithStatusAndSimulate() throws {
        let seed = TestSeed.make("case property", environment: ProcessInfo.processInfo.environment)
        var random = SeededGenerator(seed: seed)
        let folder = try Folder()
        for round in 0..<6 {
            let lines = Self.stream(cases: Int.random(in: 4...12, using: &random), using: &random)
            try (lines.joined(separator: "\n") + "\n").write(toFile: folder.events, atomically: true, encoding: .utf8)
            let today = "2026-\(String(format: "%02d", Int.random(in: 3...12, using: &random)))-15"
            let context = "seed \(seed), round \(round), today \(today)"
            let common = ["--events", folder.events, "--config", folder.config]
            let status = try CommandRunner.run(["status", "--today", today] + common)
            let document = try Self.json(status.stdout)
            let open = try #require(document["open"] as? [[String: Any]])
            let refusedLines = Set(
                status.stderr.split(separator: "\n").compactMap { line -> Int? in
                    guard line.hasPrefix("fristvakt: \(folder.events):") else { return nil }
                    return Int(line.dropFirst("fristvakt: \(folder.events):".count).prefix { $0.isNumber })
                })
            let simulate = try CommandRunner.run(["simulate", "--from", "2026-01-01", "--to", today] + common)
            let caseRefs = Set(lines.map { try! Self.json($0)["case"] as! String })
            for caseRef in caseRefs.sorted() {
                let result = try CommandRunner.run(["case", caseRef, "--today", today, "--format", "json"] + common)
                let expectedEvents = lines.enumerated().filter { index, line in
                    line.contains(#""case":"\#(caseRef)""#) && !refusedLines.contains(index + 1)
                        && String(try! Self.json(line)["date"] as! String) <= today
                }.map { try! Self.json($0.element)["id"] as! String }
                guard !expectedEvents.isEmpty else {
                    #expect(result.status == 1, "\(context): \(caseRef) has no accepted event")
                    #expect(result.stderr.contains("saken «\(caseRef)» finnes ikke"), "\(context)")
                    continue
                }
                #expect(result.status == 0, "\(context): \(caseRef): \(result.stderr)")
                let story = try Self.json(result.stdout)
                #expect(story["case"] as? String == caseRef)
                let events = try #require(story["events"] as? [[String: Any]])
                #expect(events.map { $0["id"] as! String } == expectedEvents, "\(context): \(caseRef) events")
                // Open clocks: those the status file lists (running ones included by the config).
                let clocks = try #require(story["clocks"] as? [[String: Any]])
                func key(_ clock: [String: Any]) -> String {
                    ["rule", "state", "start", "due", "days_left", "duty"].map { "\(clock[$0] ?? "nil")" }
                        .joined(separator: "|")
                }
                let listed = clocks.filter { ["running", "at-risk", "breached"].contains($0["state"] as! String) }
                let statusListed = open.filter { $0["case"] as? String == caseRef }
                #expect(
                    listed.map(key).sorted() == statusListed.map(key).sorted(),
                    "\(context): \(caseRef) clocks\n\(result.stdout)")
                let alerts = try #require(story["alerts"] as? [[String: Any]]).map {
                    "\($0["day"]!)\t\($0["kind"]!)\t\($0["rule"]!)\t\(caseRef)\t\($0["due"]!)\n"
                }
                let simulated = simulate.stdout.split(separator: "\n", omittingEmptySubsequences: true)
                    .map { "\($0)\n" }.filter { $0.split(separator: "\t")[3] == caseRef }
                #expect(alerts == simulated, "\(context): \(caseRef) alerts")
                // The text names every event id.
                let text = try CommandRunner.run(["case", caseRef, "--today", today] + common)
                #expect(text.status == 0)
                for id in expectedEvents { #expect(text.stdout.contains("hendelse \(id):"), "\(context): \(id)") }
            }
        }
    }

    @Test("the text is a bokmål timeline with every clock and singular forms where one is meant")
    func text() throws {
        let result = try CommandRunner.run([
            "case", "T-1", "--events", EngineCommandTests.file("examples/ombud.jsonl"), "--today", "2026-12-08",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout == """
                Sak T-1, enhet ORT, per 2026-12-08

                Tidslinje:
                  2026-11-23  hendelse o1: henvisning mottatt [referral.received]
                  2026-12-02  varsel: Vurderingsfrist – nærmer seg fristen (frist 2026-12-07)
                  2026-12-08  varsel: Vurderingsfrist – brutt (frist 2026-12-07)

                Frister:
                  Vurderingsfrist (pbrl § 2-2 første ledd): brutt
                    startet 2026-11-23 (o1), frist 2026-12-07, 1 virkedag over fristen

                """)
    }

    @Test("an unknown case exits 1 naming it; --events needs --today (exit 2)")
    func refusals() throws {
        let file = EngineCommandTests.file("examples/ombud.jsonl")
        let unknown = try CommandRunner.run(["case", "X-9", "--events", file, "--today", "2026-12-08"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "fristvakt: saken «X-9» finnes ikke i \(file)\n")
        let usage = try CommandRunner.run(["case", "T-1", "--events", file])
        #expect(usage.status == 2)
        #expect(usage.stderr.contains("--events krever --today"), "\(usage.stderr)")
    }
}
