import FristCalendar
import FristEngine
import FristHotPaths

/// One entry of the status document's `open` list, on one line, appended as bytes: the keys are
/// static text, the rule's, state's and duty's names are the program's own literals (neither
/// quoted again nor counted as references), the case reference and unit are quoted, and numbers
/// and dates need no `String`. The bytes are those the document's generic writer gives a compact
/// object with these members.
///
/// Two threads write the list's lines at once (`JSONNode.writeLines`): nothing here is a shared
/// array whose reference count both would change on every line.
enum OpenClockBytes {
    static func append(_ clock: StatusSnapshot.OpenClock, to output: inout [UInt8]) {
        JSONNode.text(#"{"case": "#, &output)
        clock.withCaseRefUTF8 { JSONBytes.appendQuoted($0, to: &output) }
        JSONNode.text(#", "unit": "#, &output)
        if let unit = clock.unit { JSONNode.quote(unit, into: &output) } else { JSONNode.text("null", &output) }
        JSONNode.text(#", "rule": ""#, &output)
        name(clock.rule.rawValue, &output)
        JSONNode.text(#"", "state": ""#, &output)
        name(clock.state.rawValue, &output)
        JSONNode.text(#"", "start": ""#, &output)
        clock.start.appendISO8601(to: &output)
        JSONNode.text(#"", "due": ""#, &output)
        clock.due.appendISO8601(to: &output)
        JSONNode.text(#"", "days_left": "#, &output)
        JSONBytes.appendInteger(clock.daysLeft, to: &output)
        guard let duty = clock.duty else {
            JSONNode.text(#", "helfo_required": false, "duty": null}"#, &output)
            return
        }
        JSONNode.text(
            duty == .helfoRequired ? #", "helfo_required": true, "duty": ""# : #", "helfo_required": false, "duty": ""#,
            &output)
        name(duty.rawValue, &output)
        JSONNode.text(#""}"#, &output)
    }

    /// A name that needs no escaping (a rule's, state's or duty's id: lowercase ASCII and `-`).
    private static func name(_ name: String, _ output: inout [UInt8]) {
        var name = name
        name.withUTF8 { output.append(contentsOf: $0) }
    }
}
