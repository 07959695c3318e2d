import Foundation
import FristTesting
import Glibc

/// The real journald the end-to-end tests read alerts back from. CI has no systemd as PID 1, so
/// where the native socket is missing the setup starts Debian's `systemd-journald` standalone
/// (as `.ci/run` does) and waits for its socket.
enum TestJournal {
    static let socket = "/run/systemd/journal/socket"
    static let daemon = "/lib/systemd/systemd-journald"

    /// Makes sure a journald answers on the native socket; throws with the reason when it cannot.
    static func ensureRunning() throws {
        try lock.withLock {
            if isAlive() { return }
            try FileManager.default.createDirectory(atPath: "/run/systemd/journal", withIntermediateDirectories: true)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: daemon)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            for _ in 0..<100 where !isAlive() {
                Thread.sleep(forTimeInterval: 0.05)
            }
            guard isAlive() else {
                throw TestFailure("journald did not create \(socket)")
            }
        }
    }

    private static let lock = NSLock()

    /// Whether a journald listens on the socket (a socket file left by a dead one refuses).
    static func isAlive() -> Bool {
        let descriptor = Glibc.socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return UnixSocketAddress.with(socket) { connect(descriptor, $0, $1) } == 0
    }

    /// The journal entries with `FRIST_CASE=caseRef`, oldest first, each as its fields.
    static func entries(case caseRef: String) throws -> [[String: String]] {
        try entries(matching: ["FRIST_CASE=\(caseRef)"])
    }

    /// The journal entries matching journalctl matches, oldest first.
    static func entries(matching matches: [String]) throws -> [[String: String]] {
        let result = try CommandRunner.run(
            URL(fileURLWithPath: "/usr/bin/journalctl"), ["-o", "json", "--no-pager"] + matches)
        return result.stdout.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                return nil
            }
            return object.compactMapValues { $0 as? String }
        }
    }

    /// Waits until `condition` holds for the entries of a case, or gives up after `seconds` and
    /// returns what is there (the caller's expectations then fail with the real content).
    static func waitForEntries(
        case caseRef: String, seconds: Double = 20, until condition: ([[String: String]]) -> Bool
    ) throws -> [[String: String]] {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let found = try entries(case: caseRef)
            if condition(found) || Date() > deadline { return found }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }
}

/// A failure in test setup, with its reason.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
