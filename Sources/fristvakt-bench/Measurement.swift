import Foundation

/// Timing helpers for the benchmarks.
enum Measurement {
    /// Runs `body` once and returns its result and the elapsed wall time in seconds.
    static func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let clock = ContinuousClock()
        var result: T?
        let elapsed = try clock.measure { result = try body() }
        return (result!, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    /// The process's peak resident set size in MiB (Linux: VmHWM).
    static func peakResidentMiB() -> Double { statusMiB("VmHWM:") }

    /// The process's current resident set size in MiB (Linux: VmRSS).
    static func currentResidentMiB() -> Double { statusMiB("VmRSS:") }

    /// Another process's current resident set size in MiB.
    static func residentMiB(of pid: Int32) -> Double { statusMiB("VmRSS:", process: "\(pid)") }

    private static func statusMiB(_ field: String, process: String = "self") -> Double {
        guard let status = try? String(contentsOfFile: "/proc/\(process)/status", encoding: .utf8) else { return .nan }
        for line in status.split(separator: "\n") where line.hasPrefix(field) {
            let kib = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first
            return (Double(kib ?? "") ?? .nan) / 1024
        }
        return .nan
    }

    /// utime + stime of a process (by default this one), in seconds.
    static func cpuSeconds(of pid: Int32 = getpid()) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return .nan }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the command: state is field 3, utime 14, stime 15 (1-based in proc(5)).
        let ticks = (Double(fields[11]) ?? .nan) + (Double(fields[12]) ?? .nan)
        return ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Formats a rate with thousands separators.
    static func rate(_ count: Int, _ seconds: Double) -> String {
        let perSecond = Int((Double(count) / seconds).rounded())
        var digits = String(perSecond)
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(digits, at: 0)
        return groups.joined(separator: " ") + "/s"
    }
}
