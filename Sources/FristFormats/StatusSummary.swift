public import Foundation
import FristEngine

/// The short bokmål summary of a status file (`fristvakt status --config`): when it was written,
/// the open clocks by state and rule, the open duties, the complaint target and, on a cluster,
/// the node's role. Pure: the command reads the file.
public struct StatusSummary: Sendable {
    private struct Document: StatusDocumentPart {
        struct Cluster: Decodable {
            let node: String
            let role: String
            let term: Int
            let leader: String?
        }
        struct Target: Decodable {
            let decided: Int
            let withinTarget: Int
            let goal: Double
            enum CodingKeys: String, CodingKey {
                case goal
                case decided = "decided_last_365_days"
                case withinTarget = "within_target"
            }
        }
        let schema: String
        let generatedAt: String
        let today: String
        let cluster: Cluster?
        let totals: [String: Int]
        let rules: [String: [String: Int]]
        let targets: [String: Target]
        let duties: [String: Int]?
        enum CodingKeys: String, CodingKey {
            case schema, today, cluster, totals, rules, targets, duties
            case generatedAt = "generated_at"
        }
    }

    private let document: Document

    /// The file's `generated_at`.
    public var generatedAt: String { document.generatedAt }

    /// The summary of a status file's bytes; throws a message (bokmål) when they are not one.
    public init(statusFile bytes: Data) throws(WorklistError) {
        document = try StatusDocument.read(Document.self, from: bytes)
    }

    /// The summary, naming the file it was read from.
    public func text(path: String) -> String {
        var lines = ["Status fra \(path)", "skrevet \(document.generatedAt), gjelder \(document.today)"]
        if let cluster = document.cluster {
            let role = cluster.role == "leader" ? "leder" : "reserve"
            lines.append(
                "Node \(cluster.node): \(role) (term \(cluster.term), leder: \(cluster.leader ?? "ingen"))")
        }
        lines.append("")
        let states: [ClockState] = [.breached, .atRisk, .running]
        lines.append(
            "Åpne frister: "
                + states.map { "\(document.totals[$0.rawValue] ?? 0) \($0.bokmal)" }.joined(separator: ", "))
        let duties = OpenDuty.allCases.map { "\($0.bokmal): \(document.duties?[$0.rawValue] ?? 0)" }
        lines.append("Åpne plikter: " + duties.joined(separator: ", "))
        lines.append("")
        lines.append("Per regel (brutt / i faresonen / løper):")
        for rule in RuleID.allCases {
            let counts = document.rules[rule.rawValue] ?? [:]
            let open = states.map { counts[$0.rawValue] ?? 0 }
            guard open.contains(where: { $0 > 0 }) else { continue }
            lines.append(
                "  \(rule.definition.title) (\(rule.definition.law)): "
                    + open.map(String.init).joined(separator: " / "))
        }
        if let target = document.targets[RuleID.statsforvalterKlage.rawValue], target.decided > 0 {
            let share = "\(Int((Double(target.withinTarget) / Double(target.decided) * 100).rounded())) %"
            lines.append("")
            lines.append(
                "Klager avgjort hos Statsforvalteren siste 365 dager: \(target.decided), innen målet "
                    + "\(target.withinTarget) (\(share), mål \(Int((target.goal * 100).rounded())) %)")
        }
        lines.append("")
        lines.append("Arbeidslisten: fristvakt cases; én sak: fristvakt case SAK")
        return lines.joined(separator: "\n") + "\n"
    }
}
