public import Foundation
public import FristEngine

/// A coordinator's worklist (`fristvakt cases`): the open clocks of a status file, filtered and
/// printed most urgent first, as a table in bokmål, JSON or CSV. Pure: the command reads the file
/// and decides whether it is stale.
public struct Worklist: Sendable, Equatable {
    /// One open clock as the status file lists it (docs/status-file.md, `open`).
    public struct Entry: Sendable, Equatable, Codable {
        /// The case.
        public let caseRef: String
        /// The case's unit, if any.
        public let unit: String?
        /// The rule id.
        public let rule: String
        /// `running`, `at-risk` or `breached`.
        public let state: String
        /// When the clock started.
        public let start: String
        /// The deadline.
        public let due: String
        /// Days left, negative when overdue.
        public let daysLeft: Int
        /// Whether HELFO must be contacted.
        public let helfoRequired: Bool
        /// The open legal duty (`helfo-required`, `over-cap`), if any; absent in older files.
        public let duty: String?

        enum CodingKeys: String, CodingKey {
            case caseRef = "case", unit, rule, state, start, due, duty
            case daysLeft = "days_left"
            case helfoRequired = "helfo_required"
        }

        /// How the rule counts `daysLeft`: `vd` (virkedager) or `kd` (kalenderdager).
        var dayUnit: String {
            RuleID(rawValue: rule)?.definition.counting == .calendarDays ? "kd" : "vd"
        }

        /// The duty's action in bokmål, or "" when there is none.
        var action: String { duty.map { OpenDuty(rawValue: $0)?.action ?? $0 } ?? "" }

        /// Encodes every field, `unit` as `null` when absent (as the status file writes it).
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(caseRef, forKey: .caseRef)
            try container.encode(unit, forKey: .unit)  // null, as in the status file
            try container.encode(rule, forKey: .rule)
            try container.encode(state, forKey: .state)
            try container.encode(start, forKey: .start)
            try container.encode(due, forKey: .due)
            try container.encode(daysLeft, forKey: .daysLeft)
            try container.encode(helfoRequired, forKey: .helfoRequired)
            try container.encode(duty, forKey: .duty)
        }
    }

    /// What of the status file the worklist needs.
    private struct Document: StatusDocumentPart {
        let schema: String
        let generatedAt: String
        let today: String
        let open: [Entry]

        enum CodingKeys: String, CodingKey {
            case schema, today, open
            case generatedAt = "generated_at"
        }
    }

    /// The file's `generated_at`.
    public let generatedAt: String
    /// The file's `today`.
    public let today: String
    /// The entries, most urgent first: those with an open duty, then the rest, each in the
    /// file's order.
    public let entries: [Entry]

    /// The worklist of a status file's bytes; throws a message (bokmål) when they are not one.
    public init(statusFile bytes: Data) throws(WorklistError) {
        let document = try StatusDocument.read(Document.self, from: bytes)
        self.init(generatedAt: document.generatedAt, today: document.today, entries: document.open)
    }

    /// A worklist of entries.
    public init(generatedAt: String, today: String, entries: [Entry]) {
        self.generatedAt = generatedAt
        self.today = today
        self.entries = entries.filter { $0.duty != nil } + entries.filter { $0.duty == nil }
    }

    /// What to keep: each non-empty set keeps the entries whose value is in it; `within` keeps
    /// those with at most that many days left (breached ones included).
    public struct Filter: Sendable, Equatable {
        /// Units to keep (`""` for cases without a unit).
        public var units: Set<String> = []
        /// Rules to keep.
        public var rules: Set<RuleID> = []
        /// States to keep.
        public var states: Set<ClockState> = []
        /// At most this many days left.
        public var within: Int?

        /// Keeps everything.
        public init() {}

        func keeps(_ entry: Entry) -> Bool {
            (units.isEmpty || units.contains(entry.unit ?? ""))
                && (rules.isEmpty || rules.contains { $0.rawValue == entry.rule })
                && (states.isEmpty || states.contains { $0.rawValue == entry.state })
                && (within.map { entry.daysLeft <= $0 } ?? true)
        }
    }

    /// The entries the filter keeps, in order.
    public func filtered(_ filter: Filter) -> Worklist {
        Worklist(generatedAt: generatedAt, today: today, entries: entries.filter(filter.keeps))
    }

    // MARK: - Output

    /// A table for a terminal, in bokmål, with a closing count line.
    public func table() -> String {
        let header = ["Sak", "Enhet", "Regel", "Tilstand", "Frist", "Dager igjen", "Plikt"]
        let rows = entries.map { entry in
            [
                entry.caseRef, entry.unit ?? "–", entry.rule, Self.stateName(entry.state), entry.due,
                "\(entry.daysLeft) \(entry.dayUnit)", entry.action,
            ]
        }
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        // Numbers right-aligned, text left-aligned; no trailing spaces.
        func line(_ cells: [String]) -> String {
            cells.indices.map { column in
                let padding = String(repeating: " ", count: widths[column] - cells[column].count)
                return column == 5 ? padding + cells[column] : cells[column] + padding
            }.joined(separator: "  ").replacingOccurrences(of: " +$", with: "", options: .regularExpression)
        }
        var lines = [line(header), line(widths.map { String(repeating: "-", count: $0) })]
        lines += rows.map(line)
        let breached = entries.filter { $0.state == ClockState.breached.rawValue }.count
        let atRisk = entries.filter { $0.state == ClockState.atRisk.rawValue }.count
        let duties = entries.filter { $0.duty != nil }.count
        lines.append("")
        lines.append(
            "\(counted(entries.count, "åpen frist", "åpne frister")): \(breached) brutt, \(atRisk) i faresonen, \(duties) med åpen plikt "
                + "(statusfil skrevet \(generatedAt), gjelder \(today); vd = virkedager, kd = kalenderdager)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `{"generated_at", "today", "open": [...]}`, the entries as the status file has them.
    public func json() -> String {
        struct Output: Encodable {
            let generatedAt: String
            let today: String
            let open: [Entry]
            enum CodingKeys: String, CodingKey {
                case today, open
                case generatedAt = "generated_at"
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(Output(generatedAt: generatedAt, today: today, open: entries))) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// RFC 4180 CSV with a header line (the status file's field names).
    public func csv() -> String {
        let header = ["case", "unit", "rule", "state", "start", "due", "days_left", "helfo_required", "duty"]
        let rows = entries.map { entry in
            [
                entry.caseRef, entry.unit ?? "", entry.rule, entry.state, entry.start, entry.due,
                String(entry.daysLeft), entry.helfoRequired ? "true" : "false", entry.duty ?? "",
            ]
        }
        return CSVText.render([header] + rows, .plain)
    }

    /// CSV for Norwegian Excel (`--excel`): bokmål headers and values, `;`, a byte order mark.
    public func excelCSV() -> String {
        let header = [
            "Sak", "Enhet", "Regel", "Tilstand", "Start", "Frist", "Dager igjen", "Dager regnes som",
            "HELFO må varsles", "Plikt",
        ]
        let rows = entries.map { entry in
            [
                entry.caseRef, entry.unit ?? "", RuleID(rawValue: entry.rule)?.definition.title ?? entry.rule,
                Self.stateName(entry.state), entry.start, entry.due, String(entry.daysLeft),
                entry.dayUnit == "kd" ? "kalenderdager" : "virkedager", entry.helfoRequired ? "ja" : "nei",
                entry.action,
            ]
        }
        return CSVText.render([header] + rows, .excel)
    }

    /// A state's name in bokmål.
    static func stateName(_ state: String) -> String {
        ClockState(rawValue: state)?.bokmal ?? state
    }
}

/// Why a file is not a status document (bokmål, completed by the command with the path).
public struct WorklistError: Error, CustomStringConvertible {
    /// What is wrong.
    public let description: String

    init(_ description: String) { self.description = description }
}
