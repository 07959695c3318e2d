public import Foundation

/// The wall clock the service reads. `FRISTVAKT_NOW` (an RFC 3339 instant) starts it at that
/// instant and lets it run on from there; tests use it to stop the service on one day and start
/// it again on a later one. Without it, the system clock.
public struct ServiceClock: Sendable {
    private let offset: TimeInterval

    /// The environment variable of the test hook.
    public static let environmentKey = "FRISTVAKT_NOW"

    /// The system clock, or the hook's when it is set. A malformed hook is refused.
    public init(environment: [String: String]) throws(InvalidHook) {
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
    public func now() -> Date { Date().addingTimeInterval(offset) }
}
