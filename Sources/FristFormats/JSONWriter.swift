import FristCalendar
import FristHotPaths

/// A small JSON writer with ordered keys and fixed formatting, so the status document is
/// byte-for-byte stable (Foundation's encoder orders keys its own way).
enum JSONNode {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    /// A calendar date, written as a `"YYYY-MM-DD"` string without making one.
    case date(CalendarDate)
    case array([JSONNode])
    /// An array whose elements are made one at a time as it is written: a status document lists
    /// up to millions of clocks, and their nodes are never all held at once.
    case lazyArray(count: Int, element: (Int) -> JSONNode)
    /// An array of one-line elements that `element` appends as bytes itself: the status
    /// document's list of up to a million clocks, whose names and numbers need no node each.
    /// With `onTwoThreads`, a long one on lines of its own is written two batches at once, on two
    /// threads (`writeLines`).
    case writtenArray(count: Int, onTwoThreads: Bool = false, element: @Sendable (Int, inout [UInt8]) -> Void)
    case object([(String, JSONNode)])
    /// An object or array printed on one line.
    indirect case compact(JSONNode)

    /// Renders with two-space indentation and a final newline.
    func rendered() -> String {
        String(decoding: renderedBytes(), as: UTF8.self)
    }

    /// `rendered()` as UTF-8 bytes, with room for `capacity` bytes made first (a large document
    /// then grows without copying itself over and over).
    func renderedBytes(capacity: Int = 0) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(capacity)
        write(to: &output, indent: 0, inline: false)
        output.append(UInt8(ascii: "\n"))
        return output
    }

    /// `renderedBytes()` handed to `emit` in pieces of about `chunkBytes` as it is written, so a
    /// document listing a million clocks is never held whole (the pieces are cut between the
    /// elements of large arrays).
    func render(chunkBytes: Int, emit: ([UInt8]) -> Void) {
        var output: [UInt8] = []
        output.reserveCapacity(chunkBytes + 4096)
        withoutActuallyEscaping(emit) { emit in
            write(to: &output, indent: 0, inline: false) { buffer in
                guard buffer.count >= chunkBytes else { return }
                emit(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        output.append(UInt8(ascii: "\n"))
        emit(output)
    }

    /// The value on one line with no space after `,` and `:` and no final newline: a JSON Lines
    /// record as writers by hand and by program put it.
    func renderedLine() -> String {
        var output: [UInt8] = []
        write(to: &output, indent: 0, inline: true, dense: true)
        return String(decoding: output, as: UTF8.self)
    }

    /// Writes UTF-8 bytes (a status file lists up to millions of clocks: no `String` per piece).
    /// `dense` (on one line only) leaves out the space after `,` and `:`; `flush`, when given, is
    /// offered the output after each element of an array written on lines of its own.
    private func write(
        to output: inout [UInt8], indent: Int, inline: Bool, dense: Bool = false,
        flush: ((inout [UInt8]) -> Void)? = nil
    ) {
        func pad(_ depth: Int) { JSONNode.pad(depth, &output) }
        func text(_ string: StaticString) { JSONNode.text(string, &output) }
        switch self {
        case .null: text("null")
        case .bool(let value): value ? text("true") : text("false")
        case .int(let value): JSONBytes.appendInteger(value, to: &output)
        case .double(let value): output.append(contentsOf: (value.isFinite ? "\(value)" : "null").utf8)
        case .string(let value): JSONNode.quote(value, into: &output)
        case .date(let value):
            output.append(UInt8(ascii: "\""))
            value.appendISO8601(to: &output)
            output.append(UInt8(ascii: "\""))
        case .compact(let node): node.write(to: &output, indent: indent, inline: true, dense: dense)
        case .array(let elements):
            JSONNode.lazyArray(count: elements.count) { elements[$0] }.write(
                to: &output, indent: indent, inline: inline, dense: dense, flush: flush)
        case .lazyArray(let count, let element):
            JSONNode.writeArray(count: count, to: &output, indent: indent, inline: inline, dense: dense, flush: flush) {
                element($0).write(to: &$1, indent: indent + 1, inline: inline, dense: dense, flush: flush)
            }
        case .writtenArray(let count, true, let element) where !inline && count >= 2 * JSONNode.linesPerBatch:
            text("[\n")
            JSONNode.writeLines(count: count, to: &output, indent: indent + 1, flush: flush, element: element)
            pad(indent)
            text("]")
        case .writtenArray(let count, _, let element):
            JSONNode.writeArray(
                count: count, to: &output, indent: indent, inline: inline, dense: dense, flush: flush, element: element)
        case .object(let members):
            if members.isEmpty {
                text("{}")
                return
            }
            inline ? text("{") : text("{\n")
            for (index, (key, value)) in members.enumerated() {
                if !inline { pad(indent + 1) }
                JSONNode.quote(key, into: &output)
                dense ? text(":") : text(": ")
                value.write(to: &output, indent: indent + 1, inline: inline, dense: dense, flush: flush)
                if index < members.count - 1 { inline && !dense ? text(", ") : text(",") }
                if !inline { text("\n") }
            }
            if !inline { pad(indent) }
            text("}")
        }
    }

    /// The elements of an array (an empty one as `[]`), each written by `element`.
    private static func writeArray(
        count: Int, to output: inout [UInt8], indent: Int, inline: Bool, dense: Bool,
        flush: ((inout [UInt8]) -> Void)?, element: (Int, inout [UInt8]) -> Void
    ) {
        func text(_ string: StaticString) { JSONNode.text(string, &output) }
        func pad(_ depth: Int) { JSONNode.pad(depth, &output) }
        if count == 0 {
            text("[]")
            return
        }
        inline ? text("[") : text("[\n")
        for index in 0..<count {
            if inline {
                element(index, &output)
                if index < count - 1 { dense ? text(",") : text(", ") }
            } else {
                appendLine(index, of: count, indent: indent + 1, to: &output, element: element)
                flush?(&output)
            }
        }
        if !inline { pad(indent) }
        text("]")
    }

    /// One element of an array on a line of its own: indented, its comma unless it is the last,
    /// and the line's end.
    private static func appendLine(
        _ index: Int, of count: Int, indent: Int, to output: inout [UInt8], element: (Int, inout [UInt8]) -> Void
    ) {
        pad(indent, &output)
        element(index, &output)
        if index < count - 1 { text(",", &output) }
        text("\n", &output)
    }

    /// Elements per batch of a long array's lines (about 1.5 MB of a status list).
    private static let linesPerBatch = 8192

    /// One thread's batch of lines: their bytes, and where each line ends in them.
    private struct Batch: Sendable {
        var bytes: [UInt8] = []
        var ends: [Int] = []
    }

    /// The lines of a long array, each element on one: written two batches at once into two
    /// buffers, one thread each, then appended in order (the same bytes as one after the other),
    /// `flush` offered the output after each line as `writeArray` does. No more than two batches
    /// are held at once (docs/performance.md has what it saves).
    private static func writeLines(
        count: Int, to output: inout [UInt8], indent: Int, flush: ((inout [UInt8]) -> Void)?,
        element: @Sendable (Int, inout [UInt8]) -> Void
    ) {
        var batches = [Batch](repeating: Batch(), count: 2)
        for first in stride(from: 0, to: count, by: batches.count * linesPerBatch) {
            InParallel.forEach(&batches) { part, shared in
                // Written in a local, not in place: the two parts' buffer references share a cache
                // line, which both threads would write as their buffers grow.
                var batch = Batch()
                swap(&batch, &shared)
                batch.bytes.removeAll(keepingCapacity: true)
                batch.ends.removeAll(keepingCapacity: true)
                let start = min(first + part * linesPerBatch, count)
                for index in start..<min(start + linesPerBatch, count) {
                    appendLine(index, of: count, indent: indent, to: &batch.bytes, element: element)
                    batch.ends.append(batch.bytes.count)
                }
                swap(&batch, &shared)
            }
            for batch in batches {
                guard let flush else {
                    output.append(contentsOf: batch.bytes)
                    continue
                }
                var start = 0
                for end in batch.ends {
                    output.append(contentsOf: batch.bytes[start..<end])
                    flush(&output)
                    start = end
                }
            }
        }
    }

    /// Appends a fixed piece of text (also an open clock's keys, `OpenClockBytes`).
    static func text(_ string: StaticString, _ output: inout [UInt8]) {
        string.withUTF8Buffer { output.append(contentsOf: $0) }
    }

    /// Two spaces per level of nesting.
    private static func pad(_ depth: Int, _ output: inout [UInt8]) {
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    /// A JSON string: `"`, `\\`, and control characters escaped; everything else as is (UTF-8).
    static func quote(_ text: String, into output: inout [UInt8]) {
        var text = text
        text.withUTF8 { JSONBytes.appendQuoted($0, to: &output) }
    }
}
