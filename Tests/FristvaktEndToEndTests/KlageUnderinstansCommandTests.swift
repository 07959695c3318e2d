import Foundation
import Testing

/// `klage-underinstans` where a coordinator and an ombud office meet it: `simulate`, the status
/// document and `fristvakt cases --rule klage-underinstans`, from a file of its own events.
@Suite("klage-underinstans in the commands")
struct KlageUnderinstansCommandTests {
    /// A kommune's complaint never answered, one answered after a foreløpig svar, one sent back by
    /// Statsforvalteren, and a referral beside them.
    static let events = """
        {"id":"u1","type":"complaint.filed","case":"KU-1","date":"2026-10-20","unit":"KOM"}
        {"id":"u2","type":"complaint.filed","case":"KU-2","date":"2026-10-01","unit":"KOM"}
        {"id":"u3","type":"complaint.interim-reply","case":"KU-2","date":"2026-10-28","expected":"2026-12-15"}
        {"id":"u4","type":"complaint.received","case":"KU-3","date":"2026-09-01"}
        {"id":"u5","type":"complaint.returned","case":"KU-3","date":"2026-11-30","unit":"KOM"}
        {"id":"r1","type":"referral.received","case":"H-1","date":"2026-11-02","unit":"ORT"}

        """

    @Test("simulate, status and cases --rule klage-underinstans")
    func commands() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ku-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let eventsPath = folder.appendingPathComponent("ku.jsonl").path
        try Self.events.write(toFile: eventsPath, atomically: true, encoding: .utf8)

        // KU-1: due Fri 20 Nov, at risk 13 Nov, breached 21 Nov, reminders on the 5th and 10th
        // working day past due (Fri 27 Nov, Fri 4 Dec). KU-2: due 1 Nov, at risk 25 Oct, then the
        // reply of 28 Oct moves it to 15 Dec (at risk 8 Dec). KU-3's new round is due 30 Dec.
        let simulated = try CommandRunner.run([
            "simulate", "--events", eventsPath, "--from", "2026-09-01", "--to", "2026-12-08",
        ])
        #expect(simulated.status == 0, "\(simulated.stderr)")
        let complaintLines = simulated.stdout.split(separator: "\n").filter { $0.contains("klage-underinstans") }
        #expect(
            complaintLines.map { $0.replacingOccurrences(of: "\t", with: " ") } == [
                "2026-10-25 at-risk klage-underinstans KU-2 2026-11-01",
                "2026-11-13 at-risk klage-underinstans KU-1 2026-11-20",
                "2026-11-21 breached klage-underinstans KU-1 2026-11-20",
                "2026-11-27 reminder klage-underinstans KU-1 2026-11-20",
                "2026-12-04 reminder klage-underinstans KU-1 2026-11-20",
                "2026-12-08 at-risk klage-underinstans KU-2 2026-12-15",
            ], "\(simulated.stdout)")

        let status = try CommandRunner.run(["status", "--events", eventsPath, "--today", "2026-12-08"])
        #expect(status.status == 0, "\(status.stderr)")
        let statusPath = folder.appendingPathComponent("status.json").path
        try status.stdout.write(toFile: statusPath, atomically: true, encoding: .utf8)
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        let counts = try #require((document["rules"] as? [String: Any])?["klage-underinstans"] as? [String: Int])
        #expect(counts["breached"] == 1 && counts["at-risk"] == 1 && counts["running"] == 1, "\(counts)")

        let cases = try CommandRunner.run(
            ["cases", "--status-file", statusPath, "--rule", "klage-underinstans", "--format", "csv"],
            environment: ["FRISTVAKT_NOW": "2026-12-08T09:00:00+01:00"])
        #expect(cases.status == 0, "\(cases.stderr)")
        let listed = cases.stdout.split(separator: "\r\n").dropFirst().map { $0.prefix { $0 != "," } }
        #expect(listed == ["KU-1", "KU-2"], "breached first, then at risk; the running round is not listed")
    }
}
