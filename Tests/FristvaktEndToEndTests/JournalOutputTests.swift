import Foundation
import FristService
import Logging
import Testing

/// Operational logging through swift-log into the real journald, and the logfmt fallback where
/// no journal socket exists.
@Suite("journal output")
struct JournalOutputTests {
    @Test("swift-log records reach journald with PRIORITY and metadata as [A-Z0-9_] fields")
    func operationalLogging() throws {
        try TestJournal.ensureRunning()
        let token = "t\(UUID().uuidString.prefix(8).lowercased())"
        var logger = Logger(label: "fristvakt") { _ in JournalLogHandler(journal: Journal()) }
        logger[metadataKey: "test-token"] = "\(token)"
        logger.warning("Fil avvist i sin helhet", metadata: ["file": "a.jsonl", "sl-signal": "SIGTERM"])
        var entries: [[String: String]] = []
        for _ in 0..<100 where entries.isEmpty {
            entries = try TestJournal.entries(matching: ["TEST_TOKEN=\(token)"])
            if entries.isEmpty { Thread.sleep(forTimeInterval: 0.1) }
        }
        let entry = try #require(entries.first)
        #expect(entries.count == 1)
        #expect(entry["MESSAGE"] == "Fil avvist i sin helhet")
        #expect(entry["PRIORITY"] == "4")
        #expect(entry["SYSLOG_IDENTIFIER"] == "fristvakt")
        #expect(entry["FILE"] == "a.jsonl")
        #expect(entry["SL_SIGNAL"] == "SIGTERM")
        #expect(entry["CODE_FILE"]?.hasSuffix("JournalOutputTests.swift") == true)
    }

    @Test("without a journal socket, alerts go to stderr as logfmt and the service says so once")
    func standardErrorFallback() throws {
        let sandbox = try ServiceSandbox()
        try sandbox.drop(
            "t.jsonl",
            sandbox.events(
                #"{"id":"@1","type":"referral.received","case":"@T-1","date":"2026-11-23","unit":"ORT"}"# + "\n"))
        let started = Date()
        let service = try sandbox.start(now: "2026-12-08T08:00:00+01:00", wrapper: ServiceSandbox.hideJournal)
        #expect(sandbox.waitUntilIdle(since: started), "\(service.log)")
        let alertLine = sandbox.wait { service.log.contains("case=\(sandbox.prefix)T-1") }
        #expect(service.stop() == 0)
        #expect(alertLine, "\(service.log)")
        let lines = service.log.split(separator: "\n")
        #expect(lines.filter { $0.contains("Ingen journal-socket") }.count == 1, "\(service.log)")
        let alert = try #require(lines.first { $0.contains("case=\(sandbox.prefix)T-1") })
        // The alert's id is a hash of its key; the node is the host's name.
        let id = try #require(alert.split(separator: " ").first { $0.hasPrefix("alert_id=") }).dropFirst(9)
        #expect(id.count == 16 && id.allSatisfy(\.isHexDigit), "\(alert)")
        #expect(
            alert == """
                msg="Vurderingsfrist brutt: sak \(sandbox.prefix)T-1 (frist 2026-12-07, pbrl § 2-2 første ledd)" \
                message_id=3a296e37943b4473907b2c0dba261275 priority=3 syslog_identifier=fristvakt kind=breached \
                rule=vurderingsfrist case=\(sandbox.prefix)T-1 due=2026-12-07 days_left=-1 unit=ORT \
                law="pbrl § 2-2 første ledd" late=0 alert_id=\(id) node=\(ServicePaths.hostName)
                """)
    }
}
