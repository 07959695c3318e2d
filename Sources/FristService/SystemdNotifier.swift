import CSystemd
import Glibc

/// The service manager's side channel (sd_notify through libsystemd): READY, STATUS, WATCHDOG,
/// RELOADING with MONOTONIC_USEC, STOPPING. Without `NOTIFY_SOCKET` every call is a silent no-op,
/// as libsystemd makes it.
public struct SystemdNotifier: Sendable {
    /// Half of `WATCHDOG_USEC` when the manager asked for watchdog pings, in seconds.
    public let watchdogInterval: Double?

    /// Reads `WATCHDOG_USEC` (and `WATCHDOG_PID`) from the environment.
    public init() {
        var microseconds: UInt64 = 0
        if sd_watchdog_enabled(0, &microseconds) > 0, microseconds > 0 {
            watchdogInterval = Double(microseconds) / 2_000_000
        } else {
            watchdogInterval = nil
        }
    }

    /// Start-up is complete (state loaded, spool watched), or a reload is.
    public func ready(status: String) {
        notify("READY=1\nSTATUS=\(status)")
    }

    /// A new one-line summary for `systemctl status`.
    public func status(_ status: String) {
        notify("STATUS=\(status)")
    }

    /// The work loop is alive.
    public func watchdog() {
        guard watchdogInterval != nil else { return }
        notify("WATCHDOG=1")
    }

    /// A reload starts (systemd ≥ 253 wants the monotonic time with it for `Type=notify-reload`).
    public func reloading() {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let microseconds = UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1000
        notify("RELOADING=1\nMONOTONIC_USEC=\(microseconds)")
    }

    /// Shutdown starts.
    public func stopping() {
        notify("STOPPING=1")
    }

    private func notify(_ state: String) {
        _ = sd_notify(0, state)
    }
}
