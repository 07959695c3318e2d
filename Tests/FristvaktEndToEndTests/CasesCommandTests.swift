import Foundation
import Testing

/// `fristvakt cases` on a status file written by the service itself (examples/ombud.jsonl taken
/// on 2026-12-08, with running clocks listed): each filter, each format, and the stale warning.
@Suite("fristvakt cases: the coordinator's worklist")
struct CasesCommandTests {
    /// A sandbox whose service took the ombud set on 2026-12-08 and wrote its status file.
    final class Fixture {
        let sandbox: ServiceSandbox
        /// The events the service took, as a file beside its state.
        var eventsPath: String { sandbox.root + "/taken.jsonl" }

        init() throws {
            sandbox = try ServiceSandbox(extraConfiguration: "[status]\ninclude_running = true\n")
            let service = try sandbox.start(now: "2026-12-08T08:00:00+01:00")
            let started = Date()
            // The shipped example, each case ref and id under this sandbox's prefix.
            let example = try String(
                contentsOfFile: EngineCommandTests.file("examples/ombud.jsonl"), encoding: .utf8)
            let events = sandbox.events(
                example.replacingOccurrences(of: #""case":""#, with: #""case":"@"#)
                    .replacingOccurrences(of: #""id":""#, with: #""id":"@"#))
            try events.write(toFile: eventsPath, atomically: true, encoding: .utf8)
            try sandbox.drop("ombud.jsonl", events)
            guard sandbox.waitUntilIdle(since: started) else { throw TestFailure("not idle: \(service.log)") }
            guard service.stop() == 0 else { throw TestFailure("stop: \(service.log)") }
        }

        /// `fristvakt cases --config … ARGS` with the clock at `now`.
        func cases(_ arguments: [String], now: String = "2026-12-08T09:00:00+01:00") throws -> CommandResult {
            try CommandRunner.run(
                ["cases", "--config", sandbox.configPath] + arguments, environment: ["FRISTVAKT_NOW": now])
        }

        /// The case refs of a CSV output, in order (without the sandbox's prefix).
        func caseColumn(_ result: CommandResult) -> [String] {
            result.stdout.split(separator: "\r\n").dropFirst().map {
                String($0.prefix { $0 != "," }.dropFirst(sandbox.prefix.count))
            }
        }
    }

    /// One service run for every test of the suite (the file is only read).
    nonisolated(unsafe) static let shared = Result { try Fixture() }

    let fixture: Fixture

    init() throws { fixture = try Self.shared.get() }

    @Test("the table lists every open clock, open duties first, then the most urgent, in bokmål")
    func table() throws {
        let result = try fixture.cases([])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "no stale warning an hour after the status was written")
        let p = fixture.sandbox.prefix
        let padding = String(repeating: " ", count: p.count)
        let lines = result.stdout.components(separatedBy: "\n")
        #expect(lines.count == 10, "\(result.stdout)")
        #expect(lines[9] == "", "ends with a line break")
        #expect(lines[0] == "Sak  \(padding)Enhet  Regel                   Tilstand     Frist       Dager igjen  Plikt")
        #expect(
            lines[2]
                == "\(p)H-5  KIR    frist-helsehjelp        brutt        2026-04-17      -164 vd  Varsle HELFO straks")
        #expect(
            lines[3] == "\(p)U-1  BUP    frist-helsehjelp        i faresonen  2026-12-18         8 vd  "
                + "Fristen er over 65 virkedager; sett en lovlig frist")
        #expect(lines[4] == "\(p)A-1  KIR    mote-alvorlig-hendelse  brutt        2026-11-26       -12 kd")
        #expect(lines[5] == "\(p)T-1  ORT    vurderingsfrist         brutt        2026-12-07        -1 vd")
        #expect(lines[6] == "\(p)K-2  –      statsforvalter-klage    i faresonen  2026-12-10         2 kd")
        #expect(lines[7] == "")
        #expect(
            lines[8].hasPrefix(
                "5 åpne frister: 3 brutt, 2 i faresonen, 2 med åpen plikt (statusfil skrevet 2026-12-08T08:00:0"))
    }

    @Test(
        "each filter, alone and together",
        arguments: [
            (["--unit", "KIR"], ["H-5", "A-1"]),
            (["--unit", "KIR", "--unit", "ORT"], ["H-5", "A-1", "T-1"]),
            (["--unit", ""], ["K-2"]),
            (["--rule", "frist-helsehjelp"], ["H-5", "U-1"]),
            (["--rule", "vurderingsfrist", "--rule", "statsforvalter-klage"], ["T-1", "K-2"]),
            (["--state", "at-risk"], ["U-1", "K-2"]),
            (["--state", "breached", "--unit", "KIR", "--rule", "frist-helsehjelp"], ["H-5"]),
            (["--within", "2"], ["H-5", "A-1", "T-1", "K-2"]),
            (["--within=-2"], ["H-5", "A-1"]),
            (["--state", "running"], []),
        ])
    func filters(arguments: [String], expected: [String]) throws {
        let result = try fixture.cases(arguments + ["--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(fixture.caseColumn(result) == expected, "\(arguments): \(result.stdout)")
    }

    @Test("json has the status file's entries; csv its fields, one line each")
    func formats() throws {
        let json = try fixture.cases(["--format", "json", "--unit", "KIR"])
        #expect(json.status == 0, "\(json.stderr)")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let status = try fixture.sandbox.status()
        #expect(document["today"] as? String == "2026-12-08")
        #expect(document["generated_at"] as? String == status["generated_at"] as? String)
        let open = try #require(document["open"] as? [[String: Any]])
        let expected = try #require(status["open"] as? [[String: Any]]).filter { $0["unit"] as? String == "KIR" }
        #expect(open.count == 2)
        #expect(NSArray(array: open).isEqual(to: expected), "\(open) vs \(expected)")

        let csv = try fixture.cases(["--format", "csv", "--unit", "BUP"])
        let p = fixture.sandbox.prefix
        #expect(
            csv.stdout == "case,unit,rule,state,start,due,days_left,helfo_required,duty\r\n"
                + "\(p)U-1,BUP,frist-helsehjelp,at-risk,2026-08-07,2026-12-18,8,false,over-cap\r\n")
    }

    @Test("--excel: CSV Norwegian Excel opens with a double click; only with --format csv")
    func excel() throws {
        let result = try fixture.cases(["--format", "csv", "--excel", "--unit", "BUP"])
        #expect(result.status == 0, "\(result.stderr)")
        let p = fixture.sandbox.prefix
        #expect(
            result.stdout
                == "\u{FEFF}Sak;Enhet;Regel;Tilstand;Start;Frist;Dager igjen;Dager regnes som;HELFO må varsles;Plikt\r\n"
                + "\(p)U-1;BUP;Frist for helsehjelp;i faresonen;2026-08-07;2026-12-18;8;virkedager;nei;"
                + "\"Fristen er over 65 virkedager; sett en lovlig frist\"\r\n")
        let table = try fixture.cases(["--excel"])
        #expect(table.status == 2)
        #expect(table.stderr.contains("--excel gjelder CSV"), "\(table.stderr)")
    }

    @Test("a status file older than the last daily run plus an hour gets a warning on stderr")
    func staleWarning() throws {
        // The next day, before 08:00 (07:00 run + one hour): not stale yet.
        let early = try fixture.cases(["--state", "breached"], now: "2026-12-09T07:59:00+01:00")
        #expect(early.status == 0)
        #expect(early.stderr.isEmpty, "\(early.stderr)")
        // After it: the 2026-12-09 run should have rewritten the file.
        let late = try fixture.cases(["--state", "breached", "--format", "csv"], now: "2026-12-09T08:01:00+01:00")
        #expect(late.status == 0, "the worklist is still printed")
        #expect(
            late.stderr.contains("advarsel: statusfilen \(fixture.sandbox.statusPath) ble skrevet 2026-12-08T08:00:0"),
            "\(late.stderr)")
        #expect(late.stderr.contains("før den daglige varselkjøringen 2026-12-09T07:00:00+01:00"), "\(late.stderr)")
        #expect(fixture.caseColumn(late) == ["H-5", "A-1", "T-1"])
    }

    @Test("a missing status file, an unknown rule or state: a clear error")
    func errors() throws {
        let missing = try fixture.cases(["--status-file", fixture.sandbox.root + "/nope.json"])
        #expect(missing.status == 1)
        #expect(
            missing.stderr.contains("statusfilen \(fixture.sandbox.root)/nope.json finnes ikke. Tjenesten skriver den"),
            "\(missing.stderr)")
        // A relative path is named absolute, so the message says which file was looked for.
        let relative = try CommandRunner.run(
            ["cases", "--config", fixture.sandbox.configPath, "--status-file", "nope.json"],
            directory: fixture.sandbox.root)
        #expect(
            relative.stderr.contains("statusfilen \(fixture.sandbox.root)/nope.json finnes ikke"), "\(relative.stderr)")
        let rule = try fixture.cases(["--rule", "frist"])
        #expect(rule.status == 2, "usage error, got \(rule.status)")
        #expect(rule.stderr.contains("frist-helsehjelp"), "names the known rules: \(rule.stderr)")
        // A file the user may not read: the remedy is the group (as root, tried as nobody).
        let closed = FileManager.default.temporaryDirectory.appendingPathComponent("closed-\(UUID()).json").path
        try FileManager.default.copyItem(atPath: fixture.sandbox.statusPath, toPath: closed)
        defer { try? FileManager.default.removeItem(atPath: closed) }
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: closed)
        let arguments = ["cases", "--status-file", closed]
        let denied =
            getuid() == 0
            ? try CommandRunner.run(
                URL(fileURLWithPath: "/usr/sbin/runuser"),
                ["-u", "nobody", "--", CommandRunner.executable.path] + arguments, directory: "/tmp")
            : try CommandRunner.run(arguments)
        #expect(denied.status == 1)
        #expect(
            denied.stderr.contains("statusfilen \(closed) kan ikke leses: mangler lesetilgang")
                && denied.stderr.contains("sudo usermod -aG fristvakt"), "\(denied.stderr)")
        // A filter for running clocks where the service lists only those with a duty says so.
        let plain = fixture.sandbox.root + "/plain.toml"
        try "".write(toFile: plain, atomically: true, encoding: .utf8)
        let hidden = try CommandRunner.run([
            "cases", "--config", plain, "--status-file", fixture.sandbox.statusPath, "--state", "running",
        ])
        #expect(hidden.status == 0)
        #expect(hidden.stderr.contains("lister bare løpende frister med åpen plikt"), "\(hidden.stderr)")
        let shown = try fixture.cases(["--state", "running"])
        #expect(!shown.stderr.contains("lister bare"), "the fixture's service lists running clocks")
        let state = try fixture.cases(["--state", "met"])
        #expect(state.status == 2, "usage error, got \(state.status)")
    }

    @Test("case --config reads the service's state: its clocks are what the events give, its alerts those sent")
    func caseFromState() throws {
        let p = fixture.sandbox.prefix
        let fromState = try CommandRunner.run(
            ["case", "\(p)H-5", "--config", fixture.sandbox.configPath, "--format", "json"],
            environment: ["FRISTVAKT_NOW": "2026-12-08T09:00:00+01:00"])
        #expect(fromState.status == 0, "\(fromState.stderr)")
        let fromEvents = try CommandRunner.run([
            "case", "\(p)H-5", "--events", fixture.eventsPath, "--today", "2026-12-08", "--format", "json",
        ])
        let state = try CaseCommandTests.json(fromState.stdout)
        let events = try CaseCommandTests.json(fromEvents.stdout)
        #expect(NSArray(array: state["clocks"] as! [Any]).isEqual(to: events["clocks"] as! [Any]))
        #expect(NSArray(array: state["events"] as! [Any]).isEqual(to: events["events"] as! [Any]))
        // The service started on 2026-12-08: it sent that day's alerts, not the simulated past.
        let sent = (state["alerts"] as! [[String: String]]).map { "\($0["day"]!) \($0["kind"]!) \($0["rule"]!)" }
        #expect(
            sent.sorted() == ["2026-12-08 breached frist-helsehjelp", "2026-12-08 helfo-required frist-helsehjelp"])
        let text = try CommandRunner.run(
            ["case", "\(p)H-5", "--config", fixture.sandbox.configPath],
            environment: ["FRISTVAKT_NOW": "2026-12-08T09:00:00+01:00"])
        #expect(text.stdout.contains("varsel sendt: Frist for helsehjelp – brutt (frist 2026-04-17)"), "\(text.stdout)")
        let unknown = try CommandRunner.run(["case", "\(p)NOPE", "--config", fixture.sandbox.configPath])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("saken «\(p)NOPE» finnes ikke i \(fixture.sandbox.root)"), "\(unknown.stderr)")
    }

    @Test("status --config summarises the service's status file in bokmål, or prints it with --format json")
    func serviceStatus() throws {
        let now = ["FRISTVAKT_NOW": "2026-12-08T09:00:00+01:00"]
        let text = try CommandRunner.run(["status", "--config", fixture.sandbox.configPath], environment: now)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stderr.isEmpty)
        let lines = text.stdout.components(separatedBy: "\n")
        #expect(lines[0] == "Status fra \(fixture.sandbox.statusPath)")
        #expect(lines[1].hasPrefix("skrevet 2026-12-08T08:00:0") && lines[1].hasSuffix(", gjelder 2026-12-08"))
        #expect(lines[3] == "Åpne frister: 3 brutt, 2 i faresonen, 0 løper", "\(text.stdout)")
        #expect(lines[4] == "Åpne plikter: HELFO må varsles: 1, frist over 65 virkedager: 1")
        #expect(text.stdout.contains("  Frist for helsehjelp (pbrl § 2-2 a): 1 / 1 / "), "\(text.stdout)")
        let json = try CommandRunner.run(
            ["status", "--config", fixture.sandbox.configPath, "--format", "json"], environment: now)
        #expect(json.stdout == (try String(contentsOfFile: fixture.sandbox.statusPath, encoding: .utf8)))
        let stale = try CommandRunner.run(
            ["status", "--config", fixture.sandbox.configPath],
            environment: ["FRISTVAKT_NOW": "2026-12-10T09:00:00+01:00"])
        #expect(stale.status == 0)
        #expect(stale.stderr.contains("fristvakt status: advarsel: statusfilen"), "\(stale.stderr)")
    }
}
