public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Starts a program directly with posix_spawn, its output to a file, never a pipe (a server a
/// program starts keeps whatever it inherited open), for tests that run real programs.
public enum ProcessSpawn {
    /// Why a program could not be started.
    public struct Failure: Error, CustomStringConvertible {
        /// The program and the reason.
        public let description: String
    }

    /// Starts `arguments` with stdin from /dev/null and stdout and stderr to `output`; returns
    /// its pid. `environment` (nil: this process's) is the whole environment. `newSession`
    /// starts it as a session of its own with every signal unblocked and at its default, as a
    /// terminal starts a command (a test runner blocks SIGINT, and a child inherits that).
    public static func start(
        _ arguments: [String], output: String, environment: [String: String]? = nil, newSession: Bool = false
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        if newSession {
            var empty = sigset_t()
            sigemptyset(&empty)
            var all = sigset_t()
            sigfillset(&all)
            posix_spawnattr_setsigmask(&attributes, &empty)
            posix_spawnattr_setsigdefault(&attributes, &all)
            // glibc's POSIX_SPAWN_SETSID (0x80, since 2.26), hidden from Swift behind _GNU_SOURCE.
            let setsid: Int32 = 0x80
            posix_spawnattr_setflags(&attributes, Int16(setsid | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        }
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] =
            (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0)=\($1)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, arguments[0], &actions, &attributes, &argv, &envp)
        guard spawned == 0 else {
            throw Failure(description: "\(arguments[0]) kan ikke startes: \(String(cString: strerror(spawned)))")
        }
        return pid
    }
}
