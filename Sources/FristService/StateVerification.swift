public import FristCalendar
public import FristEngine
public import FristStorage
public import Logging

/// The check behind `fristvakt verify-state`: the folded state the service persisted must equal a
/// fresh replay of every accepted event and the alert log, case by case and byte for byte.
public enum StateVerification {
    /// What the check found.
    public struct Report: Sendable, Equatable {
        /// Cases in the replay.
        public let cases: Int
        /// Whether the state was written under this configuration and format.
        public let fingerprintMatches: Bool
        /// Cases whose persisted state differs from the replay, or exists on one side only.
        public let differing: [String]

        /// Whether the persisted state can be trusted as it is.
        public var agrees: Bool { fingerprintMatches && differing.isEmpty }
    }

    /// Replays the store's events and compares. Reads only.
    public static func check(
        store: any StateStorage, configuration: EngineConfiguration, today: CalendarDate, logger: Logger
    ) throws -> Report {
        let (fingerprint, stored) = try store.persistedCases()
        let replayed = try EngineRebuild.replay(
            store: store, configuration: configuration, today: today, logger: logger
        ).persistedCases()
        let persisted = Dictionary(stored.map { ($0.caseRef, $0.bytes) }, uniquingKeysWith: { first, _ in first })
        let fresh = Dictionary(replayed.map { ($0.caseRef, $0.bytes) }, uniquingKeysWith: { first, _ in first })
        let differing = Set(persisted.keys).union(fresh.keys).filter { persisted[$0] != fresh[$0] }.sorted()
        return Report(
            cases: replayed.count, fingerprintMatches: fingerprint == PersistedCase.fingerprint(of: configuration),
            differing: differing)
    }
}
