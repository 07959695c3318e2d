import Foundation
import Testing

/// How coordinators get alerts outside the host (docs/alerts-in-log-systems.md), with Debian's
/// real programs on loopback: the service logs to the local journald, `systemd-journal-upload`
/// sends the new entries over HTTP to `systemd-journal-remote`, which writes them into a receiving
/// host's journal folder (a root of its own here, with fristvakt's catalog installed there). On
/// the receiving side the entries keep every FRIST_* field, filter by unit and priority, and show
/// the catalog text with `journalctl -x` (a catalog the receiving host has installed).
@Suite("Alerts forwarded: journal-upload to journal-remote")
struct JournalForwardingTests {
    static let journalctl = URL(fileURLWithPath: "/usr/bin/journalctl")

    @Test("alerts reach a remote journal with their fields, unit filter and catalog text")
    func forwarded() throws {
        let remote = try TestTools.require("/lib/systemd/systemd-journal-remote", package: "systemd-journal-remote")
        let upload = try TestTools.require("/lib/systemd/systemd-journal-upload", package: "systemd-journal-remote")
        try TestJournal.ensureRunning()
        // Everything after this cursor is uploaded (the whole journal when it is empty).
        let cursor = try TestJournal.entries(matching: ["-n", "1"]).last?["__CURSOR"]

        let sandbox = try ServiceSandbox()
        let service = try sandbox.start(now: "2026-12-08T08:00:00+01:00")
        defer { _ = service.stop() }
        try sandbox.drop("ombud.jsonl", sandbox.events(ServiceAlertTests.ombud))
        let p = sandbox.prefix
        let local = try TestJournal.waitForEntries(case: "\(p)T-1") { !$0.isEmpty }
        let breach = try #require(local.first, "\(service.log)")
        _ = try TestJournal.waitForEntries(case: "\(p)U-1") { $0.count >= 2 }

        // The receiving host: its journal folder and fristvakt's catalog, as script/install puts it.
        let receiver = sandbox.root + "/receiver"
        let catalogFolder = receiver + "/usr/lib/systemd/catalog"
        try FileManager.default.createDirectory(
            atPath: receiver + "/var/log/journal/remote", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: catalogFolder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: EngineCommandTests.file("systemd/fristvakt.catalog"), toPath: catalogFolder + "/fristvakt.catalog")
        let catalog = try CommandRunner.run(Self.journalctl, ["--root=\(receiver)", "--update-catalog"])
        #expect(catalog.status == 0, "\(catalog.stderr)")

        let port = try TestTools.freeLoopbackPort()
        let daemon = try TestTools.Daemon(
            remote,
            [
                "--listen-http=127.0.0.1:\(port)", "--split-mode=none",
                "--output=\(receiver)/var/log/journal/remote/all.journal",
            ], logPath: sandbox.root + "/journal-remote.log")
        defer { daemon.stop() }
        // journal-upload sends what is there and ends (--follow=no); retried while the receiver starts.
        var sent = CommandResult(status: -1, stdout: "", stderr: "")
        for _ in 0..<50 where sent.status != 0 {
            sent = try CommandRunner.run(
                upload,
                ["--url=http://127.0.0.1:\(port)", "--follow=no"] + (cursor.map { ["--after-cursor=\($0)"] } ?? []))
            if sent.status != 0 { Thread.sleep(forTimeInterval: 0.1) }
        }
        #expect(sent.status == 0, "\(sent.stderr)\n\(daemon.log)")

        func received(_ matches: [String]) throws -> [[String: String]] {
            let result = try CommandRunner.run(
                Self.journalctl, ["--root=\(receiver)", "-o", "json", "--no-pager"] + matches)
            return result.stdout.split(separator: "\n").compactMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?.compactMapValues {
                    $0 as? String
                }
            }
        }
        // The same entry, every field fristvakt wrote (journald's own _* fields aside).
        var arrived: [[String: String]] = []
        for _ in 0..<50 where arrived.isEmpty {
            arrived = try received(["FRIST_CASE=\(p)T-1"])
            if arrived.isEmpty { Thread.sleep(forTimeInterval: 0.1) }
        }
        let remoteBreach = try #require(arrived.first, "\(daemon.log)")
        #expect(ServiceAlertTests.ownFields(remoteBreach) == ServiceAlertTests.ownFields(breach))

        // A coordinator's filter on the receiving side: unit ORT, warning or worse.
        let ort = try received(["-p", "warning", "FRIST_UNIT=ORT"])
        #expect(!ort.isEmpty)
        #expect(ort.allSatisfy { $0["FRIST_UNIT"] == "ORT" && Int($0["PRIORITY"] ?? "9")! <= 4 })
        #expect(ort.filter { $0["FRIST_CASE"]?.hasPrefix(p) == true }.map { $0["FRIST_CASE"] } == ["\(p)T-1"])
        let bup = try received(["-p", "warning", "FRIST_UNIT=BUP"]).filter { $0["FRIST_CASE"]?.hasPrefix(p) == true }
        #expect(bup.map { $0["FRIST_KIND"] } == ["at-risk", "over-cap"], "\(bup)")

        // journalctl -x on the receiving host explains the alert from its catalog. journalctl
        // reads the catalog database from /var/lib/systemd/catalog whatever --root says, so the
        // receiver's database is mounted there, in a mount namespace of this command alone.
        let explained = try CommandRunner.run(
            URL(fileURLWithPath: "/usr/bin/unshare"),
            [
                "-m", "/bin/sh", "-c", #"mount --bind "$0" /var/lib/systemd/catalog && exec "$@""#,
                receiver + "/var/lib/systemd/catalog", Self.journalctl.path, "--root=\(receiver)", "-x", "--no-pager",
                "FRIST_CASE=\(p)T-1",
            ])
        #expect(explained.stdout.contains("Subject: Frist brutt: sak \(p)T-1 (vurderingsfrist, frist 2026-12-07)"))
        #expect(explained.stdout.contains("Hva du gjør: behandle saken nå"), "\(explained.stdout)\(explained.stderr)")
        // The alert's id and node filled in, so a coordinator tells a repeat from a new alert.
        let id = try #require(remoteBreach["FRIST_ALERT_ID"])
        let node = try #require(remoteBreach["FRIST_NODE"])
        #expect(explained.stdout.contains("Varsel-ID \(id), sendt av \(node)."), "\(explained.stdout)")
    }
}
