import Foundation
import FristTesting
import Glibc
import Testing

/// `make run` (script/run-demo) as a newcomer runs it, in a copy of the scripts: it starts from a
/// fresh demo state, follows the journal from before the service starts, and shows every kind of
/// alert within a minute.
@Suite("make run: the demo")
struct DemoRunTests {
    /// What each kind's bokmål message says (docs/alerts.md).
    static let kinds = [
        "at-risk": "nærmer seg:", "breached": " brutt: sak", "reminder": "Påminnelse –",
        "helfo-required": "HELFO må kontaktes straks", "over-cap": "satt etter grensen på 65 virkedager",
        "resolved": "avsluttet etter fristen",
    ]

    @Test("a fresh state, the journal followed from the start, every kind of alert within a minute")
    func demo() throws {
        try TestJournal.ensureRunning()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID())").path
        try FileManager.default.createDirectory(atPath: root + "/script", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        for name in ["run-demo", "demo-events"] {
            try FileManager.default.copyItem(
                atPath: EngineCommandTests.file("script/\(name)"), toPath: root + "/script/\(name)")
        }
        // A last run's state, which the new run must not build on.
        try FileManager.default.createDirectory(atPath: root + "/fristvakt-data", withIntermediateDirectories: true)
        try "".write(toFile: root + "/fristvakt-data/from-the-last-run", atomically: true, encoding: .utf8)

        let output = root + "/output.txt"
        // Started as a terminal starts it: a session of its own (so the test can press Ctrl-C
        // on the whole of it) and no signal blocked or ignored (the test runner blocks SIGINT,
        // and a child would inherit that).
        let session = try ProcessSpawn.start(
            ["/bin/bash", root + "/script/run-demo"], output: output,
            environment: ProcessInfo.processInfo.environment.merging(["FRISTVAKT_BIN": CommandRunner.executable.path]) {
                $1
            }, newSession: true)
        defer { kill(-session, SIGKILL) }

        var text = ""
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            if Self.kinds.values.allSatisfy(text.contains) { break }
            Thread.sleep(forTimeInterval: 0.5)
        }
        for (kind, phrase) in Self.kinds {
            #expect(text.contains(phrase), "no \(kind) within a minute:\n\(text)")
        }
        #expect(text.contains("== a fresh demo state: ./fristvakt-data of the last run removed"), "\(text)")
        #expect(!FileManager.default.fileExists(atPath: root + "/fristvakt-data/from-the-last-run"))
        // The breach the first run told, seconds after it started, is shown: the journal was
        // followed from before the start.
        let firstCase = try #require(text.firstMatch(of: /DEMO-\d+-/)).output
        #expect(text.contains("Vurderingsfrist brutt: sak \(firstCase)0 "), "the first run's breach:\n\(text)")

        kill(-session, SIGINT)
        var status: Int32 = 0
        var stopped = false
        for _ in 0..<200 where !stopped {
            stopped = waitpid(session, &status, WNOHANG) == session
            if !stopped { Thread.sleep(forTimeInterval: 0.1) }
        }
        #expect(stopped, "Ctrl-C stops the demo")
        // The script's exit trap stops the journal follower; give it a moment to go.
        var left = true
        for _ in 0..<50 where left {
            left = kill(-session, 0) == 0
            if left { Thread.sleep(forTimeInterval: 0.1) }
        }
        #expect(!left, "nothing of it is left running (the journal follower included)")
    }
}
