import ArgumentParser
import FristCalendar
import FristEngine

/// A calendar question with two operands (`DATE N`, `A B`, `DATE M`), answered once from the
/// command line or, with `--stdin`, once per input line (README.md, Commands).
///
/// In bulk mode every input line gets exactly one output line, so answers stay aligned with
/// their questions: a refused line gets an empty output line and its reason on stderr
/// (`linje N: …`), and the command exits 1 at the end if any line was refused.
struct CalendarQuestion {
    /// The operands' names as users see them in messages.
    let operandNames: (String, String)
    /// Answers one question from its two operands' UTF-8 bytes; throws the reason a line is
    /// refused.
    let answer: (_ first: ArraySlice<UInt8>, _ second: ArraySlice<UInt8>) throws(InputRefusal) -> CalendarAnswer

    /// Checks the operands' count: two, or none with `--stdin` (a usage error otherwise).
    func validate(_ operands: [String], bulk: Bool) throws {
        if bulk, !operands.isEmpty {
            throw ValidationError("--stdin tar ingen \(operandNames.0) eller \(operandNames.1) på kommandolinjen")
        }
        if !bulk, operands.count != 2 {
            throw ValidationError(
                "ventet \(operandNames.0) og \(operandNames.1) (eller --stdin), fikk \(counted(operands.count, "argument", "argumenter"))"
            )
        }
    }

    /// Answers from the operands, or from standard input when `bulk` is set.
    func run(_ operands: [String], bulk: Bool) throws {
        if bulk {
            try runBulk()
        } else {
            var output: [UInt8] = []
            try answer(Array(operands[0].utf8)[...], Array(operands[1].utf8)[...]).append(to: &output)
            output.append(UInt8(ascii: "\n"))
            StandardOutput.shared.write(bytes: output)
        }
    }

    private func runBulk() throws {
        var lineNumber = 0
        var refusedLines = 0
        var output: [UInt8] = []
        output.reserveCapacity(1 << 16)
        StandardStreams.forEachLineOfStandardInput { line in
            lineNumber += 1
            do throws(InputRefusal) {
                let (count, first, second) = Self.fields(line)
                guard count == 2, let first, let second else {
                    throw InputRefusal("ventet to felt, \(operandNames.0) og \(operandNames.1), fant \(count)")
                }
                try answer(line[first], line[second]).append(to: &output)
                output.append(UInt8(ascii: "\n"))
            } catch {
                refusedLines += 1
                output.append(UInt8(ascii: "\n"))
                StandardOutput.shared.write(bytes: output)
                output.removeAll(keepingCapacity: true)
                StandardOutput.shared.flush()
                StandardError.write("fristvakt: linje \(lineNumber): \(error.message)\n")
            }
            if output.count >= 1 << 16 {
                StandardOutput.shared.write(bytes: output)
                output.removeAll(keepingCapacity: true)
            }
        }
        StandardOutput.shared.write(bytes: output)
        if refusedLines > 0 {
            throw InputRefusal("\(refusedLines) av \(counted(lineNumber, "linje", "linjer")) ble avvist")
        }
    }

    /// The number of blank-separated fields of a line (space, tab, a CR before the newline), and
    /// the first two of them.
    private static func fields(_ line: ArraySlice<UInt8>) -> (count: Int, first: Range<Int>?, second: Range<Int>?) {
        func isBlank(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 13 }
        var found: (count: Int, first: Range<Int>?, second: Range<Int>?) = (0, nil, nil)
        var index = line.startIndex
        while true {
            while index < line.endIndex, isBlank(line[index]) { index += 1 }
            guard index < line.endIndex else { return found }
            let start = index
            while index < line.endIndex, !isBlank(line[index]) { index += 1 }
            found.count += 1
            if found.count == 1 { found.first = start..<index }
            if found.count == 2 { found.second = start..<index }
        }
    }
}

/// A calendar question's answer, written as its text without making a `String`.
enum CalendarAnswer {
    case date(CalendarDate)
    case integer(Int)

    func append(to output: inout [UInt8]) {
        switch self {
        case .date(let date): date.appendISO8601(to: &output)
        case .integer(let value): output.append(contentsOf: String(value).utf8)
        }
    }
}

/// Operand parsing shared by the calendar questions; each failure names its operand.
enum Operand {
    /// Parses a `YYYY-MM-DD` operand.
    static func date(_ text: ArraySlice<UInt8>, name: String) throws(InputRefusal) -> CalendarDate {
        do {
            return try text.withUnsafeBytes { try CalendarDate(parsingUTF8: $0) }
        } catch {
            throw InputRefusal("\(name): \(error)")
        }
    }

    /// Parses a whole-number operand (as `Int(_:)` reads it: an optional sign, then digits).
    static func integer(_ text: ArraySlice<UInt8>, name: String) throws(InputRefusal) -> Int {
        // Up to 18 digits cannot overflow; anything else takes the standard library's path.
        var digits = text[...]
        let negative = digits.first == UInt8(ascii: "-")
        if negative || digits.first == UInt8(ascii: "+") { digits = digits.dropFirst() }
        if !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            let value = digits.reduce(0) { $0 * 10 + Int($1 - 48) }
            return negative ? -value : value
        }
        let string = String(decoding: text, as: UTF8.self)
        guard let value = Int(string) else { throw InputRefusal("\(name): «\(string)» er ikke et heltall") }
        return value
    }

    /// Runs a calendar computation, naming the operand its failure belongs to.
    static func computing<T>(_ name: String, _ body: () throws(CalendarError) -> T) throws(InputRefusal) -> T {
        do {
            return try body()
        } catch {
            throw InputRefusal("\(name): \(error)")
        }
    }
}
