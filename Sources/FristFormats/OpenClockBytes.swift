import FristCalendar
import FristEngine
import FristHotPaths

/// One entry of the status document's `open` list, on one line, appended as bytes: the keys,
/// rule names, states and duties are fixed words, written from tables made once and never
/// quoted again; the case reference and unit are quoted; numbers and dates need no `String`.
/// The bytes are those the document's generic writer gives a compact object with these members.
enum OpenClockBytes {
    static func append(_ clock: StatusSnapshot.OpenClock, to output: inout [UInt8]) {
        output.append(contentsOf: caseKey)
        clock.withCaseRefUTF8 { JSONBytes.appendQuoted($0, to: &output) }
        output.append(contentsOf: unitKey)
        if let unit = clock.unit { JSONNode.quote(unit, into: &output) } else { output.append(contentsOf: null) }
        output.append(contentsOf: rules[clock.rule.ordinal])
        output.append(contentsOf: states[clock.state.ordinal])
        output.append(contentsOf: startKey)
        clock.start.appendISO8601(to: &output)
        output.append(contentsOf: dueKey)
        clock.due.appendISO8601(to: &output)
        output.append(contentsOf: daysLeftKey)
        JSONBytes.appendInteger(clock.daysLeft, to: &output)
        output.append(contentsOf: clock.duty.map { duties[$0.ordinal] } ?? noDuty)
    }

    private static let caseKey = Array(#"{"case": "#.utf8)
    private static let unitKey = Array(#", "unit": "#.utf8)
    private static let null = Array("null".utf8)
    private static let rules = RuleID.allCases.map { Array(#", "rule": "\#($0.rawValue)""#.utf8) }
    private static let states = ClockState.allCases.map { Array(#", "state": "\#($0.rawValue)""#.utf8) }
    private static let startKey = Array(#", "start": ""#.utf8)
    private static let dueKey = Array(#"", "due": ""#.utf8)
    private static let daysLeftKey = Array(#"", "days_left": "#.utf8)
    private static let duties = OpenDuty.allCases.map { duty in
        Array(#", "helfo_required": \#(duty == .helfoRequired), "duty": "\#(duty.rawValue)"}"#.utf8)
    }
    private static let noDuty = Array(#", "helfo_required": false, "duty": null}"#.utf8)
}

extension OpenDuty {
    /// The duty's position in `allCases`.
    fileprivate var ordinal: Int { Self.allCases.firstIndex(of: self)! }
}
