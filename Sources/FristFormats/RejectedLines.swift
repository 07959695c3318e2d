public import FristEngine

/// The spool's `rejected/NAME.rejected.jsonl` (docs/events.md, the spool): one JSON object per refused line,
/// `{"file", "line", "code", "field", "reason", "input"}`, with the line's text in `input` so it
/// can be corrected and submitted again. A file refused as a whole has `line: null`.
///
/// Data protection: any 11-digit run in `input` that passes the fødselsnummer/D-number check
/// digits is masked to its last two digits, whatever field it stood in.
public struct RejectedLines: Sendable {
    private var text = ""

    /// The number of records.
    public private(set) var count = 0

    /// An empty list.
    public init() {}

    /// Adds a refused line.
    public mutating func add(file: String, line: Int?, refusal: EventRefusal, input: String?) {
        let node = JSONNode.compact(
            .object([
                ("file", .string(file)),
                ("line", line.map { .int($0) } ?? .null),
                ("code", .string(refusal.code.rawValue)),
                ("field", refusal.field.map { .string($0) } ?? .null),
                ("reason", .string(NationalIdentityNumber.masked(refusal.reason))),
                ("input", input.map { .string(NationalIdentityNumber.masked($0)) } ?? .null),
            ]))
        text += node.rendered()
        count += 1
    }

    /// The JSON Lines text.
    public var contents: String { text }
}
