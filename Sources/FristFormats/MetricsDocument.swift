public import FristEngine
import Prometheus

/// The metrics file (Prometheus text format, for node_exporter's textfile collector): the status
/// snapshot's numbers and the service's counters, under fixed family names that dashboards and
/// alerting rules are built on (docs/metrics.md). The text is produced by swift-prometheus.
public enum MetricsDocument {
    /// The states `fristvakt_open_clocks` counts.
    static let openStates: [ClockState] = [.running, .atRisk, .breached]

    /// Renders the families for one snapshot and the service's figures.
    public static func render(_ snapshot: StatusSnapshot, _ service: ServiceMetrics) -> [UInt8] {
        let registry = PrometheusCollectorRegistry()
        func gauge(_ name: String, _ help: String, _ labels: [(String, String)], _ value: Double) {
            registry.makeGauge(descriptor: descriptor(name, help), labels: labels).set(value)
        }
        func counter(_ name: String, _ help: String, _ labels: [(String, String)], _ value: Int) {
            registry.makeCounter(descriptor: descriptor(name, help), labels: labels).increment(by: Int64(value))
        }
        for rule in RuleID.allCases {
            for state in ClockState.allCases {
                gauge(
                    "clocks", "Clocks by rule and state, as the status file's rules object.",
                    [("rule", rule.rawValue), ("state", state.rawValue)], Double(snapshot.rules[rule]?[state] ?? 0))
            }
        }
        for (unit, counts) in snapshot.units {
            for rule in RuleID.allCases {
                for state in openStates {
                    gauge(
                        "open_clocks",
                        "Running, at-risk and breached clocks by unit (\"\" for cases without one), rule and state.",
                        [("unit", unit), ("rule", rule.rawValue), ("state", state.rawValue)],
                        Double(counts[rule, state]))
                }
            }
        }
        for duty in OpenDuty.allCases {
            gauge(
                "open_duties", "Clocks holding an open legal duty (helfo-required, over-cap), whatever their state.",
                [("duty", duty.rawValue)], Double(snapshot.duties[duty] ?? 0))
        }
        for kind in AlertKind.allCases {
            counter(
                "alerts_total", "Alerts logged, by kind, since the database was created.",
                [("kind", kind.rawValue)], service.alerts[kind] ?? 0)
        }
        let lines = service.intakeLines
        for (result, count) in [("applied", lines.applied), ("duplicate", lines.duplicate), ("refused", lines.refused)]
        {
            counter(
                "intake_lines_total", "Spool lines taken, by result, since the database was created.",
                [("result", result)], count)
        }
        if let last = service.lastIntake {
            gauge("last_intake_timestamp_seconds", "When the last spool file was taken (Unix time).", [], last)
        }
        if let last = service.lastDailyRun {
            gauge("last_daily_run_timestamp_seconds", "When the last daily alert run ended (Unix time).", [], last)
        }
        if let duration = service.dailyRunDuration {
            gauge("daily_run_duration_seconds", "How long the last daily alert run took.", [], duration)
        }
        if let share = snapshot.complaintTarget.share {
            gauge(
                "target_share", "Share of a target met over the last 365 days (absent while nothing was decided).",
                [("target", RuleID.statsforvalterKlage.rawValue)], share)
        }
        if let cluster = service.cluster {
            gauge(
                "cluster_leader", "Whether this node holds the leadership lease (1) or is a standby (0).",
                [("node", cluster.node)], cluster.role == .leader ? 1 : 0)
            gauge("cluster_term", "The leadership lease's term as this node last saw it.", [], Double(cluster.term))
            counter(
                "cluster_leader_changes_total", "Changes of leader this node has seen since it started.", [],
                cluster.leaderChanges)
            gauge(
                "cluster_lease_age_seconds", "Seconds since the leader last renewed its lease, as last seen.", [],
                cluster.leaseAge)
        }
        gauge("build_info", "The running fristvakt's version (always 1).", [("version", BuildInfo.version)], 1)
        return registry.emitToBuffer()
    }

    private static func descriptor(_ name: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "fristvakt", metricName: name, unitName: "", helpText: help)
    }
}
