import Foundation
import FristService
import FristTesting
import Glibc
import Testing

/// The test plays the systemd manager: READY, STATUS, WATCHDOG at half of WATCHDOG_USEC from the
/// work loop, RELOADING/READY around SIGHUP, STOPPING and exit 0 on SIGTERM.
@Suite("fristvakt run under a service manager")
struct SystemdNotifyTests {
    @Test("notify protocol: ready, status, watchdog pings that stop when the loop hangs, reload, stopping")
    func notifyProtocol() throws {
        try TestJournal.ensureRunning()
        let sandbox = try ServiceSandbox()
        let manager = try ManagerSocket(directory: sandbox.root)
        let stall = sandbox.root + "/stall"
        let service = try sandbox.start(
            now: "2026-12-08T08:00:00+01:00",
            environment: [
                "NOTIFY_SOCKET": manager.path, "WATCHDOG_USEC": "400000", FristvaktService.stallHookKey: stall,
            ])
        #expect(sandbox.wait { !manager.messages(with: "READY=1").isEmpty }, "\(service.log)")
        let ready = try #require(manager.messages(with: "READY=1").first)
        #expect(ready.fields.contains { $0.hasPrefix("STATUS=") && $0.contains("åpne frister") })

        // Pings every 0.2 s (half of 0.4 s): several within a second, none later than 0.4 s.
        Thread.sleep(forTimeInterval: 1.2)
        let pings = manager.messages(with: "WATCHDOG=1").map(\.time)
        #expect(pings.count >= 4)
        let gaps = zip(pings.dropFirst(), pings).map { ($0 - $1) / .seconds(1) }
        #expect(gaps.allSatisfy { $0 < 0.4 }, "\(gaps)")
        #expect(gaps.reduce(0, +) / Double(max(gaps.count, 1)) > 0.1, "not a busy loop: \(gaps)")

        // A hung work loop stops the pings; they come back when it is free again.
        _ = FileManager.default.createFile(atPath: stall, contents: nil)
        Thread.sleep(forTimeInterval: 0.5)  // any ping already under way arrives
        let beforeHang = manager.messages(with: "WATCHDOG=1").count
        Thread.sleep(forTimeInterval: 1.0)
        #expect(manager.messages(with: "WATCHDOG=1").count == beforeHang)
        try FileManager.default.removeItem(atPath: stall)
        #expect(sandbox.wait(seconds: 5) { manager.messages(with: "WATCHDOG=1").count > beforeHang })

        // SIGHUP: RELOADING=1 with MONOTONIC_USEC, then READY=1 again.
        let readiesBefore = manager.messages(with: "READY=1").count
        kill(service.process.processIdentifier, SIGHUP)
        #expect(sandbox.wait(seconds: 10) { manager.messages(with: "READY=1").count > readiesBefore })
        let reloading = try #require(manager.messages(with: "RELOADING=1").first)
        let monotonic = reloading.fields.first { $0.hasPrefix("MONOTONIC_USEC=") }
        #expect(monotonic.flatMap { UInt64($0.dropFirst("MONOTONIC_USEC=".count)) } != nil)
        let order = manager.messages.map { $0.fields.first ?? "" }.filter { $0 == "RELOADING=1" || $0 == "READY=1" }
        #expect(order.suffix(2) == ["RELOADING=1", "READY=1"])

        // SIGTERM: STOPPING=1 and exit status 0.
        #expect(service.stop() == 0)
        #expect(!manager.messages(with: "STOPPING=1").isEmpty)
        #expect(manager.messages.last?.fields.first == "STOPPING=1")
    }

    @Test("without NOTIFY_SOCKET the service runs and stops cleanly (notify is a no-op)")
    func withoutManager() throws {
        try TestJournal.ensureRunning()
        let sandbox = try ServiceSandbox()
        let started = Date()
        let service = try sandbox.start(now: "2026-12-08T08:00:00+01:00", environment: ["NOTIFY_SOCKET": ""])
        #expect(sandbox.waitUntilIdle(since: started), "\(service.log)")
        #expect(service.stop() == 0)
    }
}
