import ArgumentParser
import FristCalendar

/// A calendar question with two operands (`DATE N`, `A B`, `DATE M`), answered once from the
/// command line or, with `--stdin`, once per input line (contract § 5).
///
/// In bulk mode every input line gets exactly one output line, so answers stay aligned with
/// their questions: a refused line gets an empty output line and its reason on stderr
/// (`linje N: …`), and the command exits 1 at the end if any line was refused.
struct CalendarQuestion {
    /// The operands' names as users see them in messages.
    let operandNames: (String, String)
    /// Answers one question; throws the reason a line is refused.
    let answer: (_ first: Substring, _ second: Substring) throws(InputRefusal) -> String

    /// Checks the operands' count: two, or none with `--stdin` (a usage error otherwise).
    func validate(_ operands: [String], bulk: Bool) throws {
        if bulk, !operands.isEmpty {
            throw ValidationError("--stdin tar ingen \(operandNames.0) eller \(operandNames.1) på kommandolinjen")
        }
        if !bulk, operands.count != 2 {
            throw ValidationError(
                "ventet \(operandNames.0) og \(operandNames.1) (eller --stdin), fikk \(operands.count) argument(er)")
        }
    }

    /// Answers from the operands, or from standard input when `bulk` is set.
    func run(_ operands: [String], bulk: Bool) throws {
        if bulk {
            try runBulk()
        } else {
            StandardOutput.shared.write(try answer(operands[0][...], operands[1][...]) + "\n")
        }
    }

    private func runBulk() throws {
        var lineNumber = 0
        var refusedLines = 0
        StandardStreams.forEachLineOfStandardInput { bytes in
            lineNumber += 1
            let line = String(decoding: bytes, as: UTF8.self)
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            do throws(InputRefusal) {
                guard fields.count == 2 else {
                    throw InputRefusal(
                        "ventet to felt, \(operandNames.0) og \(operandNames.1), fant \(fields.count)")
                }
                StandardOutput.shared.write(try answer(fields[0], fields[1]) + "\n")
            } catch {
                refusedLines += 1
                StandardOutput.shared.write("\n")
                StandardOutput.shared.flush()
                StandardError.write("fristvakt: linje \(lineNumber): \(error.message)\n")
            }
        }
        if refusedLines > 0 {
            throw InputRefusal("\(refusedLines) av \(lineNumber) linjer ble avvist")
        }
    }
}

/// Operand parsing shared by the calendar questions; each failure names its operand.
enum Operand {
    /// Parses a `YYYY-MM-DD` operand.
    static func date(_ text: Substring, name: String) throws(InputRefusal) -> CalendarDate {
        do {
            return try CalendarDate(parsing: text)
        } catch {
            throw InputRefusal("\(name): \(error)")
        }
    }

    /// Parses a whole-number operand.
    static func integer(_ text: Substring, name: String) throws(InputRefusal) -> Int {
        guard let value = Int(text) else { throw InputRefusal("\(name): «\(text)» er ikke et heltall") }
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
