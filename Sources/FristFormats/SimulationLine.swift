public import FristEngine

extension Alert {
    /// The alert as `fristvakt simulate` prints it (README.md, Commands): `DATE KIND RULE CASE DUE`,
    /// tab-separated, with its line break.
    public var simulationLine: String {
        "\(date)\t\(kind.rawValue)\t\(rule.rawValue)\t\(caseRef)\t\(due)\n"
    }
}
