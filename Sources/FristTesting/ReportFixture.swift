/// A small history worked out by hand for the monthly report (docs/report.md): six referrals
/// (units A, B and none), two complaints, a § 4A vedtak and a serious incident in 2026, as event
/// lines. `MonthlyReportTests` checks every figure of it; `DatabaseReportTests` checks that the
/// report from a service's database equals the one from the events.
public enum ReportFixture {
    /// The event lines (JSON Lines), case by case.
    public static let handWorkedEvents = """
        {"id":"r1a","type":"referral.received","case":"R1","date":"2026-01-05","unit":"A"}
        {"id":"r1b","type":"referral.assessed","case":"R1","date":"2026-01-09","outcome":"right","frist":"2026-02-27","scheduled":"2026-02-20"}
        {"id":"r1c","type":"referral.started","case":"R1","date":"2026-02-20"}
        {"id":"r2a","type":"referral.received","case":"R2","date":"2026-01-05","unit":"A"}
        {"id":"r2b","type":"referral.assessed","case":"R2","date":"2026-01-26","outcome":"right","frist":"2026-03-06","scheduled":"2026-03-05"}
        {"id":"r2c","type":"referral.started","case":"R2","date":"2026-03-20","substantive":false}
        {"id":"r2d","type":"referral.treatment-started","case":"R2","date":"2026-04-15"}
        {"id":"r6a","type":"referral.received","case":"R6","date":"2026-01-13","unit":"A"}
        {"id":"r6b","type":"referral.assessed","case":"R6","date":"2026-01-14","outcome":"right","frist":"2026-02-27","scheduled":"2026-02-25"}
        {"id":"r6c","type":"referral.started","case":"R6","date":"2026-02-25"}
        {"id":"r3a","type":"referral.received","case":"R3","date":"2026-01-30","unit":"B"}
        {"id":"r3b","type":"referral.assessed","case":"R3","date":"2026-02-02","outcome":"right","frist":"2026-03-31"}
        {"id":"r4a","type":"referral.received","case":"R4","date":"2026-02-02","unit":"B","group":"under23-psych"}
        {"id":"r4b","type":"referral.assessed","case":"R4","date":"2026-02-04","outcome":"right","frist":"2026-03-13","scheduled":"2026-03-12"}
        {"id":"r4c","type":"referral.started","case":"R4","date":"2026-03-31"}
        {"id":"r5a","type":"referral.received","case":"R5","date":"2026-02-27"}
        {"id":"r5b","type":"referral.assessed","case":"R5","date":"2026-03-02","outcome":"right","frist":"2026-04-10","scheduled":"2026-03-31"}
        {"id":"r5c","type":"referral.started","case":"R5","date":"2026-03-31"}
        {"id":"k1a","type":"complaint.received","case":"K1","date":"2026-01-05","unit":"B"}
        {"id":"k1b","type":"complaint.decided","case":"K1","date":"2026-02-10"}
        {"id":"k2a","type":"complaint.received","case":"K2","date":"2026-01-02"}
        {"id":"k2b","type":"complaint.decided","case":"K2","date":"2026-04-20"}
        {"id":"v1a","type":"vedtak4a.made","case":"V1","date":"2026-01-05","unit":"A"}
        {"id":"v1b","type":"vedtak4a.reviewed","case":"V1","date":"2026-03-10"}
        {"id":"i1a","type":"incident.occurred","case":"I1","date":"2026-02-02","unit":"B"}
        {"id":"i1b","type":"incident.meeting-offered","case":"I1","date":"2026-02-20"}

        """
}
