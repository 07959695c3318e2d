/// A section of the monthly report that a rule declares in its own file (`Rule.reportSections`):
/// a group of counts in every month's row, printed after the schema's fixed groups in the JSON,
/// the CSV, the text and the page, with what the figures mean and the law they rest on.
public struct ReportSection: Sendable {
    /// The group's key in the JSON, such as `klage_underinstans`.
    public let group: String
    /// Each count: its key in the group and a short heading in bokmål, in the order printed.
    public let figures: [(key: String, title: String)]
    /// The page's heading for the section, in bokmål.
    public let heading: String
    /// What the figures mean, in bokmål, for the page.
    public let explanation: String
    /// The law or source the figures rest on.
    public let source: String

    /// A section.
    public init(
        group: String, figures: [(key: String, title: String)], heading: String, explanation: String, source: String
    ) {
        self.group = group
        self.figures = figures
        self.heading = heading
        self.explanation = explanation
        self.source = source
    }

    /// A count's place in a row (`MonthlyReport.Row.subscript`).
    public func figure(_ key: String) -> ReportFigure {
        precondition(figures.contains { $0.key == key }, "no figure «\(key)» in \(group)")
        return ReportFigure(group: group, key: key)
    }

    /// Every rule's sections, in the order of the rule list.
    public static let declared: [ReportSection] = Rules.all.flatMap { $0.reportSections }
}

/// One count of a declared section: its group and key.
public struct ReportFigure: Hashable, Sendable {
    /// The section's group.
    public let group: String
    /// The count's key in the group.
    public let key: String
}
