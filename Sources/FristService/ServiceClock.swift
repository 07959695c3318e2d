public import Foundation

/// The wall clock the service reads. `FRISTVAKT_NOW` (an RFC 3339 instant) starts it at that
/// instant and lets it run on from there; tests use it to stop the service on one day and start
/// it again on a later one. Without it, the system clock.
///
/// A second hook, `FRISTVAKT_TEST_CLOCK_STEP_FILE`, names a file holding a number of seconds that
/// is added to the clock while the file exists: tests step the wall clock of a running service
/// back or forward with it, as NTP or a resumed VM would.
public struct ServiceClock: Sendable {
    private let offset: TimeInterval
    private let stepFile: String?

    /// The environment variable of the test hook.
    public static let environmentKey = "FRISTVAKT_NOW"
    /// The environment variable of the clock-step hook.
    public static let stepFileKey = "FRISTVAKT_TEST_CLOCK_STEP_FILE"

    /// The system clock, or the hook's when it is set. A malformed hook is refused.
    public init(environment: [String: String]) throws(InvalidHook) {
        stepFile = environment[Self.stepFileKey]
        guard let text = environment[Self.environmentKey] else {
            offset = 0
            return
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        guard let start = formatter.date(from: text) else {
            throw InvalidHook(value: text)
        }
        offset = start.timeIntervalSinceNow
    }

    /// A `FRISTVAKT_NOW` that is not an RFC 3339 instant.
    public struct InvalidHook: Error, CustomStringConvertible {
        /// The value given.
        public let value: String
        /// The refusal, in bokmål.
        public var description: String { "\(ServiceClock.environmentKey): «\(value)» er ikke et RFC 3339-tidspunkt" }
    }

    /// Now.
    public func now() -> Date {
        guard let stepFile, let text = try? String(contentsOfFile: stepFile, encoding: .utf8),
            let step = TimeInterval(text.trimmingCharacters(in: .whitespacesAndNewlines))
        else { return Date().addingTimeInterval(offset) }
        return Date().addingTimeInterval(offset + step)
    }
}
