import Foundation
import Glibc

/// A throwaway PostgreSQL cluster for the tests: `initdb` in a temporary folder (as the
/// `postgres` user when the tests run as root, as PostgreSQL refuses root), started on a free
/// loopback port with trust authentication for loopback only, and stopped when the test process
/// exits. Debian's `postgresql` must be installed (`make test` installs it,
/// script/ensure-test-tools); without it the tests that need it fail, naming what is missing.
public final class PostgresServer: @unchecked Sendable {
    /// The folder holding the cluster, its socket and its log.
    public let directory: String
    /// The loopback port it listens on.
    public let port: Int
    private let bin: String
    private let lock = NSLock()
    private var databases = 0

    /// The one server of this test process, started on first use.
    public static let shared: Result<PostgresServer, PostgresServerError> = {
        do {
            let server = try PostgresServer()
            atexit { if case .success(let server) = PostgresServer.shared { server.stop() } }
            return .success(server)
        } catch let error as PostgresServerError {
            return .failure(error)
        } catch {
            return .failure(PostgresServerError(description: "\(error)"))
        }
    }()

    /// Starts a cluster.
    public init() throws {
        bin = try Self.binaries()
        directory =
            FileManager.default.temporaryDirectory.appendingPathComponent(
                "fristvakt-pg-\(UUID().uuidString.prefix(8))"
            ).path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        port = try Self.freePort()
        if geteuid() == 0 { try Self.run(["/bin/chown", "postgres:postgres", directory]) }
        try asOwner([
            bin + "/initdb", "-D", directory + "/data", "-U", "postgres", "--auth=trust", "-E", "UTF8",
            "--locale=C", "--no-sync",
        ])
        try start()
    }

    /// `pg_ctl start`, waiting until it accepts connections.
    public func start() throws {
        try asOwner(
            [
                bin + "/pg_ctl", "-D", directory + "/data", "-l", directory + "/server.log", "-w", "-t", "60", "-o",
                "-p \(port) -c listen_addresses=127.0.0.1 -k \(directory) -c fsync=off -c max_connections=200",
                "start",
            ], capturing: false)
    }

    /// Stops the server at once (`-m immediate`: what a crash of the database looks like) and
    /// removes its folder.
    public func stop() {
        try? asOwner([bin + "/pg_ctl", "-D", directory + "/data", "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Restarts the server: every connection is cut, the data stays.
    public func restart() throws {
        try asOwner([bin + "/pg_ctl", "-D", directory + "/data", "-m", "fast", "-w", "stop"])
        try start()
    }

    /// Runs SQL as the superuser in `database`; returns what psql printed (unaligned, no header).
    @discardableResult
    public func sql(_ statement: String, database: String = "postgres") throws -> String {
        try Self.run([
            bin + "/psql", "-X", "-q", "-A", "-t", "-h", "127.0.0.1", "-p", "\(port)", "-U", "postgres", "-d", database,
            "-v", "ON_ERROR_STOP=1", "-c", statement,
        ])
    }

    /// A new empty database, and its `postgresql://` address.
    public func createDatabase() throws -> String {
        let name = lock.withLock {
            databases += 1
            return "fristvakt_\(getpid())_\(databases)"
        }
        try sql("CREATE DATABASE \(name)")
        return "postgresql://postgres@127.0.0.1:\(port)/\(name)"
    }

    /// Cuts every connection to `database` (`pg_terminate_backend`).
    public func terminateConnections(database: String) throws {
        try sql(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                + "WHERE datname = '\(database)' AND pid <> pg_backend_pid()")
    }

    private func asOwner(_ arguments: [String], capturing: Bool = true) throws {
        if geteuid() == 0 {
            try Self.run(["/usr/sbin/runuser", "-u", "postgres", "--"] + arguments, capturing: capturing)
        } else {
            try Self.run(arguments, capturing: capturing)
        }
    }

    private static func binaries() throws -> String {
        if let bin = ProcessInfo.processInfo.environment["FRISTVAKT_PG_BIN"] { return bin }
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init)
        guard let newest = versions.max(), FileManager.default.isExecutableFile(atPath: "\(root)/\(newest)/bin/initdb")
        else {
            throw PostgresServerError(
                description: "PostgreSQL finnes ikke under \(root): installer Debians postgresql "
                    + "(script/ensure-test-tools gjør det), eller sett FRISTVAKT_PG_BIN")
        }
        return "\(root)/\(newest)/bin"
    }

    private static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
            }
        }
        guard bound else { throw PostgresServerError(description: "ingen ledig port på 127.0.0.1") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Runs a program and returns its output; without `capturing`, the output is dropped. Spawned
    /// and waited for directly (posix_spawn, waitpid): the server `pg_ctl` starts keeps whatever
    /// it inherited open, so the output goes through a file, never a pipe.
    @discardableResult
    private static func run(_ arguments: [String], capturing: Bool = true) throws -> String {
        let outputPath = capturing ? NSTemporaryDirectory() + "fristvakt-pg-\(UUID().uuidString).out" : "/dev/null"
        defer { if capturing { unlink(outputPath) } }
        let pid: pid_t
        do {
            pid = try ProcessSpawn.start(arguments, output: outputPath)
        } catch {
            throw PostgresServerError(description: "\(error)")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = capturing ? ((try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "") : ""
        guard status == 0 else {
            throw PostgresServerError(description: "\(arguments.joined(separator: " ")): \(text)")
        }
        return text
    }
}

/// Why the test PostgreSQL server could not be used.
public struct PostgresServerError: Error, CustomStringConvertible {
    /// What went wrong.
    public let description: String
}
