/// pbrl § 2-2 a (formerly § 2-1 b andre ledd): the frist for nødvendig helsehjelp set at
/// assessment must be kept. Starts at `referral.assessed` with outcome `right`; due is the frist
/// the clinician set (moved by `referral.postponed`); stops at `referral.started`.
extension RuleDefinition {
    /// The rule.
    public static let fristHelsehjelp = RuleDefinition(
        id: .fristHelsehjelp, title: "Frist for helsehjelp", law: "pbrl § 2-2 a",
        counting: .workingDays, defaultWarningWindow: 10)
}
