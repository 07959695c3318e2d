import Foundation
import Glibc

/// Debian programs the end-to-end tests check fristvakt against (promtool, node_exporter,
/// systemd-journal-remote …). `make test` installs them (script/ensure-test-tools); a test that
/// finds one missing fails and says how to get it, it never skips.
enum TestTools {
    /// The program's path, or a failure naming the package to install.
    static func require(_ path: String, package: String) throws -> URL {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw TestFailure("\(path) is missing: install Debian's \(package) (script/ensure-test-tools does)")
        }
        return URL(fileURLWithPath: path)
    }

    /// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0 and released).
    static func freeLoopbackPort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestFailure("socket: \(errno)") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard bound else { throw TestFailure("bind: \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// A program started in the background, stopped (SIGTERM, then waited for) by `stop`.
    final class Daemon {
        let process = Process()
        let logPath: String

        init(_ program: URL, _ arguments: [String], logPath: String) throws {
            self.logPath = logPath
            _ = FileManager.default.createFile(atPath: logPath, contents: nil)
            let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
            process.executableURL = program
            process.arguments = arguments
            process.standardOutput = log
            process.standardError = log
            try process.run()
        }

        var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

        func stop() {
            guard process.isRunning else { return }
            process.terminate()
            process.waitUntilExit()
        }

        deinit { stop() }
    }
}
