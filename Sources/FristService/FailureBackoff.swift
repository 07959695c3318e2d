public import Foundation
public import Logging

/// One operation that can fail again and again (a full disk, a read-only mount): logged once when
/// it starts failing and once when it works again, never once per retry; retried with a back-off
/// that doubles from `first` up to `longest`. Waits run on the monotonic clock, so a wall clock
/// stepped back does not postpone a retry.
public struct FailureBackoff: Sendable {
    /// What fails, in bokmål, for the log ("Innlesing", "Statusfilen").
    public let what: String
    /// The first wait before a retry.
    public let first: TimeInterval
    /// The longest wait between retries.
    public let longest: TimeInterval
    /// Failures since the last success.
    public private(set) var failures = 0
    /// When to try again, while failing.
    public private(set) var retryAt: ContinuousClock.Instant?

    /// A back-off for an operation.
    public init(_ what: String, first: TimeInterval = 2, longest: TimeInterval = 60) {
        self.what = what
        self.first = first
        self.longest = longest
    }

    /// Whether it is time to try (not failing, or the wait is over).
    public var isDue: Bool {
        retryAt.map { ContinuousClock.now >= $0 } ?? true
    }

    /// The wall-clock instant of the retry, for a scheduler that sleeps until a `Date`.
    public func retryDate(now: Date) -> Date? {
        retryAt.map { now.addingTimeInterval(max(($0 - ContinuousClock.now) / .seconds(1), 0)) }
    }

    /// Notes a failure; logs it only when it is the first since a success.
    public mutating func failed(_ error: any Error, logger: Logger, metadata: Logger.Metadata = [:]) {
        if failures == 0 {
            logger.error(
                "\(what) feilet; prøver igjen med økende mellomrom og logger ikke hvert forsøk",
                metadata: metadata.merging(["reason": "\(error)"]) { $1 })
        }
        failures += 1
        let wait = min(first * pow(2, Double(min(failures - 1, 30))), longest)
        retryAt = ContinuousClock.now + .seconds(wait)
    }

    /// Notes a success; logs the recovery when it had been failing.
    public mutating func succeeded(logger: Logger, metadata: Logger.Metadata = [:]) {
        if failures > 0 {
            logger.notice(
                "\(what) virker igjen", metadata: metadata.merging(["failed_attempts": "\(failures)"]) { $1 })
        }
        failures = 0
        retryAt = nil
    }
}
