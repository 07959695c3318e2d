/// The one-line bokmål `MESSAGE` of an alert (docs/alerts.md).
extension Alert {
    /// For example `Vurderingsfrist brutt: sak H-1001 (frist 2026-12-07, pbrl § 2-2 første ledd)`.
    public var message: String {
        let title = rule.definition.title
        let days = rule.definition.counting == .workingDays ? ("virkedag", "virkedager") : ("dag", "dager")
        let lateNote = late ? "; varslet etter at det inntraff" : ""
        let subject = "sak \(caseRef)"
        switch kind {
        case .atRisk:
            return
                "\(title) nærmer seg: \(subject) (frist \(due), \(counted(daysLeft, days.0, days.1)) igjen, \(law)\(lateNote))"
        case .breached:
            return "\(title) brutt: \(subject) (frist \(due), \(law)\(lateNote))"
        case .reminder:
            return "Påminnelse – \(title.lowercasedFirst) fortsatt brutt: \(subject) "
                + "(frist \(due), \(counted(-daysLeft, days.0, days.1)) over fristen, \(law)\(lateNote))"
        case .helfoRequired:
            return
                "HELFO må kontaktes straks: \(subject) får ikke helsehjelp innen fristen (frist \(due), \(law)\(lateNote))"
        case .overCap:
            return
                "Frist for helsehjelp satt etter grensen på 65 virkedager: \(subject) (frist \(due), \(law)\(lateNote))"
        case .resolved:
            let how = outcome == .metLate ? "avsluttet etter fristen" : "avsluttet innen fristen"
            return "\(title) \(how): \(subject) (frist \(due), \(law)\(lateNote))"
        }
    }
}

extension String {
    fileprivate var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
