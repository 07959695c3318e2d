import FristCalendar

/// A random history of one case, as JSON lines, dated from 2026-01-05 on.
public enum CaseHistory {
    /// The history of case `C<number>`, its lines in date order.
    public static func random(_ number: Int, using generator: inout SeededGenerator) -> [String] {
        let caseRef = "C\(number)"
        var lines: [String] = []
        var date = (try! CalendarDate(parsing: "2026-01-05")).plus(Int.random(in: 0...200, using: &generator))
        func next(_ maximum: Int) -> CalendarDate {
            date = date.plus(Int.random(in: 0...maximum, using: &generator))
            return date
        }
        func add(_ type: String, _ on: CalendarDate, _ extra: String = "") {
            let unit = Bool.random(using: &generator) ? #","unit":"U\#(number % 3)""# : ""
            lines.append(
                #"{"id":"\#(caseRef)-\#(lines.count)","type":"\#(type)","case":"\#(caseRef)","date":"\#(on)"\#(unit)\#(extra)}"#
            )
        }
        /// A complaint: straight to Statsforvalteren, or first to the body that made the decision
        /// (`klage-underinstans`), with a foreløpig svar, a forwarding, a local decision, a withdrawal,
        /// and rounds back and forth.
        func complaint() {
            var atStatsforvalter = Bool.random(using: &generator)
            add(atStatsforvalter ? "complaint.received" : "complaint.filed", next(0))
            for _ in 0..<Int.random(in: 0...3, using: &generator) {
                if atStatsforvalter {
                    switch Int.random(in: 0..<4, using: &generator) {
                    case 0:
                        add("complaint.decided", next(120))
                        return
                    case 1:
                        add("complaint.withdrawn", next(60))
                        return
                    default:
                        add("complaint.returned", next(90))
                        atStatsforvalter = false
                    }
                } else {
                    switch Int.random(in: 0..<6, using: &generator) {
                    case 0:
                        let on = next(40)
                        let expected = on.plus(Int.random(in: 0...60, using: &generator))
                        add("complaint.interim-reply", on, #","expected":"\#(expected)""#)
                    case 1:
                        add("complaint.forwarded", next(40))
                        add("complaint.received", next(10))
                        atStatsforvalter = true
                    case 2:
                        add("complaint.received", next(50))
                        atStatsforvalter = true
                    case 3:
                        add("complaint.resolved-locally", next(40))
                        return
                    case 4:
                        add("complaint.withdrawn", next(40))
                        return
                    default: return
                    }
                }
            }
        }
        switch Int.random(in: 0..<4, using: &generator) {
        case 0:
            let group = Int.random(in: 0..<3, using: &generator) == 0 ? #","group":"under23-psych""# : ""
            add("referral.received", date, group)
            guard Int.random(in: 0..<5, using: &generator) > 0 else { break }
            let assessed = next(18)
            let outcome = ["right", "right", "right", "no-right", "rejected"].randomElement(using: &generator)!
            guard outcome == "right" else {
                add("referral.assessed", assessed, #","outcome":"\#(outcome)""#)
                break
            }
            let frist = assessed.plus(Int.random(in: 5...120, using: &generator))
            add("referral.assessed", assessed, #","outcome":"right","frist":"\#(frist)""#)
            for _ in 0..<Int.random(in: 0...4, using: &generator) {
                let on = next(25)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0:
                    let planned = on.plus(Int.random(in: 0...90, using: &generator))
                    add("referral.scheduled", on, #","scheduled":"\#(planned)""#)
                case 1:
                    let moved = on.plus(Int.random(in: 0...60, using: &generator))
                    let newFrist = Bool.random(using: &generator) ? #","frist":"\#(moved)""# : ""
                    add("referral.postponed", on, #","reason":"patient""# + newFrist)
                case 2: add("referral.helfo-notified", on)
                default: add("referral.closed", on)
                }
            }
            if Bool.random(using: &generator) {
                let substantive = Bool.random(using: &generator)
                add("referral.started", next(60), substantive ? "" : #","substantive":false"#)
                if !substantive, Bool.random(using: &generator) { add("referral.treatment-started", next(80)) }
            }
        case 1: complaint()
        case 2:
            add("vedtak4a.made", date)
            switch Int.random(in: 0..<5, using: &generator) {
            case 0: add("vedtak4a.appealed", next(40))
            case 1: add("vedtak4a.reviewed", next(120))
            case 2: add("vedtak4a.ended", next(200))
            case 3: add("vedtak4a.made", next(300))
            default: break
            }
        default:
            add("incident.occurred", date)
            if Bool.random(using: &generator) { add("incident.meeting-offered", next(15)) }
        }
        return lines
    }
}

extension CalendarDate {
    /// The date `days` later, for generated dates that stay well inside the calendar's range.
    fileprivate func plus(_ days: Int) -> CalendarDate { try! adding(days: days) }
}
