import FristHotPaths

/// Finds Norwegian fødselsnummer and D-numbers (eleven digits whose two modulus-11 control digits
/// are right) in the bytes of a line, as they would read after JSON unescaping, so that no such
/// number is ever stored or copied: a line holding one is refused, and every copy fristvakt keeps
/// of it is masked.
///
/// A digit is a byte `0`–`9` or a JSON escape `\u0030`–`\u0039` (hex in either case). A number is
/// a run of exactly eleven digits with no digit on either side, or the printed form of six digits,
/// one space (or `\u0020`) and five digits. Longer runs of digits are not searched inside: a
/// twelve-digit account number is not an identity number with a digit before it (the trade-off
/// is in docs/privacy.md).
public enum NationalIdentityNumber {
    private static let firstWeights: [Int] = [3, 7, 6, 1, 8, 9, 4, 5, 2]
    private static let secondWeights: [Int] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]

    /// Whether `text` is 11 digits whose two check digits are right.
    public static func passesCheckDigits(_ text: String) -> Bool {
        guard text.utf8.count == 11 else { return false }
        let digits = text.utf8.map { Int($0) - 48 }
        guard digits.allSatisfy({ (0...9).contains($0) }) else { return false }
        return passesCheckDigits(digits)
    }

    /// Whether eleven digit values (0–9) have right control digits.
    static func passesCheckDigits(_ digits: [Int]) -> Bool {
        passesCheckDigits { digits[$0] }
    }

    /// Whether the eleven digits `digit(0)` … `digit(10)` have right control digits (modulus 11).
    private static func passesCheckDigits(_ digit: (Int) -> Int) -> Bool {
        func control(_ weights: [Int]) -> Int? {
            var sum = 0
            for index in weights.indices { sum += weights[index] * digit(index) }
            let value = 11 - sum % 11
            return value == 11 ? 0 : value == 10 ? nil : value
        }
        return control(firstWeights) == digit(9) && control(secondWeights) == digit(10)
    }

    /// One digit of a line: its value and the bytes it takes (one, or six for `\u003N`).
    private struct Digit {
        let value: Int
        let bytes: Range<Int>
    }

    /// The digit at `index`, if there is one.
    private static func digit(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Digit? {
        let byte = bytes[index]
        if byte >= 0x30, byte <= 0x39 { return Digit(value: Int(byte) - 0x30, bytes: index..<(index + 1)) }
        guard byte == UInt8(ascii: "\\"), let code = unicodeEscape(at: index, in: bytes), (0x30...0x39).contains(code)
        else { return nil }
        return Digit(value: code - 0x30, bytes: index..<(index + 6))
    }

    /// The code unit of a `\uXXXX` escape at `index`.
    private static func unicodeEscape(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard index + 5 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else { return nil }
        var code = 0
        for offset in 2...5 {
            let byte = bytes[index + offset]
            let value: Int
            switch byte {
            case 0x30...0x39: value = Int(byte) - 0x30
            case 0x41...0x46: value = Int(byte) - 0x41 + 10
            case 0x61...0x66: value = Int(byte) - 0x61 + 10
            default: return nil
            }
            code = code * 16 + value
        }
        return code
    }

    /// How many bytes the non-digit at `index` takes: an escape is skipped whole, so neither the
    /// hex digits of `\u0041` nor the `u0031` of `\\u0031` count as digits.
    private static func escapeLength(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count else { return 1 }
        return unicodeEscape(at: index, in: bytes) == nil ? 2 : 6
    }

    /// Whether a space (or `\u0020`) stands at `index`; its length in bytes.
    private static func space(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        if bytes[index] == UInt8(ascii: " ") { return 1 }
        return bytes[index] == UInt8(ascii: "\\") && unicodeEscape(at: index, in: bytes) == 0x20 ? 6 : nil
    }

    /// The digits of every number found in `bytes`, each number's eleven digits in order.
    private static func numbers(in bytes: UnsafeBufferPointer<UInt8>) -> [[Digit]] {
        // The runs of adjacent digits, with where each ends; most lines have none of length 5+.
        var runs: [(digits: [Digit], end: Int)] = []
        var index = 0
        var run: [Digit] = []
        while index < bytes.count {
            if let found = digit(at: index, in: bytes) {
                run.append(found)
                index = found.bytes.upperBound
                continue
            }
            if run.count >= 5 { runs.append((run, index)) }
            run.removeAll(keepingCapacity: true)
            index += escapeLength(at: index, in: bytes)
        }
        if run.count >= 5 { runs.append((run, index)) }
        var found: [[Digit]] = []
        for (position, candidate) in runs.enumerated() {
            if candidate.digits.count == 11, passesCheckDigits(candidate.digits.map(\.value)) {
                found.append(candidate.digits)
            } else if candidate.digits.count == 6, position + 1 < runs.count,
                let gap = space(at: candidate.end, in: bytes),
                runs[position + 1].digits.count == 5,
                runs[position + 1].digits[0].bytes.lowerBound == candidate.end + gap
            {
                let digits = candidate.digits + runs[position + 1].digits
                if passesCheckDigits(digits.map(\.value)) { found.append(digits) }
            }
        }
        return found
    }

    /// `numbers(in:)` over a whole file, searched line by line, in full only in a line the quick
    /// scan names (`occurs`): a number never spans a line break (neither a digit, a space nor part
    /// of an escape), and a file of UUIDs has digits in every line. Each digit's bytes are counted
    /// from the start of `bytes`.
    private static func numbersLineByLine(in bytes: UnsafeBufferPointer<UInt8>) -> [[Digit]] {
        var found: [[Digit]] = []
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.count
            let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
            if occurs(in: line) {
                found += numbers(in: line).map { number in
                    number.map {
                        Digit(value: $0.value, bytes: ($0.bytes.lowerBound + start)..<($0.bytes.upperBound + start))
                    }
                }
            }
            start = end
        }
        return found
    }

    /// Whether a reference's bytes (an id or a case, already checked to be A–Z a–z 0–9 . _ : -)
    /// hold a number. A reference has no space and no escape, so only a run of eleven digits
    /// can be one; in a UUID's text (`8-4-4-4-12`) only the last group is that long, and only it
    /// is searched.
    public static func occurs(inReference bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        occurs(in: UUIDText.hasDashes(bytes) ? UnsafeBufferPointer(rebasing: bytes[24...]) : bytes)
    }

    /// Whether `bytes` hold a number (see the type's comment).
    public static func occurs(in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // Every line is asked, so the line without an escape is answered in one pass with no
        // allocation: at the end of each run of digit bytes, an 11-digit run, or a 5-digit run
        // after a 6-digit run and a space, is checked in place. A line with a backslash may hold
        // escaped digits and takes the full search.
        guard let base = bytes.baseAddress else { return false }
        let count = bytes.count
        var runStart = -1
        var sixStart = -1  // the start of a 6-digit run followed by a space, ended just before
        var escapes = false
        var index = 0
        // The bytes through the base pointer, with one past the end read as 0 (a non-digit that
        // ends the last run): this loop reads every byte of every event's id and case.
        while index <= count {
            let byte = index < count ? base[index] : 0
            if byte &- 0x30 < 10 {
                if runStart < 0 { runStart = index }
                index &+= 1
                continue
            }
            if runStart >= 0 {
                let length = index &- runStart
                if length == 11, passesCheckDigits(at: runStart, runStart + 6, in: bytes) { return true }
                if length == 5, sixStart >= 0, sixStart + 7 == runStart,
                    passesCheckDigits(at: sixStart, runStart, in: bytes)
                {
                    return true
                }
                sixStart = length == 6 && byte == UInt8(ascii: " ") ? runStart : -1
                runStart = -1
            } else if byte != UInt8(ascii: " ") {
                sixStart = -1
            }
            if byte == UInt8(ascii: "\\") { escapes = true }
            index &+= 1
        }
        return escapes && !numbers(in: bytes).isEmpty
    }

    /// The check digits of the six digit bytes at `first` and the five at `second`.
    private static func passesCheckDigits(
        at first: Int, _ second: Int, in bytes: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        passesCheckDigits { Int(bytes[$0 < 6 ? first + $0 : second + $0 - 6]) - 0x30 }
    }

    /// Whether `bytes` hold a number.
    public static func occurs(in bytes: some Collection<UInt8>) -> Bool {
        withBuffer(bytes) { occurs(in: $0) }
    }

    /// Whether `text` holds a number.
    public static func occurs(in text: String) -> Bool {
        var text = text
        return text.withUTF8 { occurs(in: $0) }
    }

    /// `bytes` with every number masked: each of its first nine digits (byte or escape) becomes
    /// one `*`, and its last two are kept, so a refused line can be kept and shown without it.
    public static func masked(_ bytes: some Collection<UInt8>) -> [UInt8] {
        withBuffer(bytes) { buffer in
            guard occurs(in: buffer) else { return Array(buffer) }
            let hidden = numbersLineByLine(in: buffer).flatMap { $0.prefix(9).map(\.bytes) }
            guard !hidden.isEmpty else { return Array(buffer) }
            var result: [UInt8] = []
            result.reserveCapacity(buffer.count)
            var index = 0
            for range in hidden {
                result += buffer[index..<range.lowerBound]
                result.append(UInt8(ascii: "*"))
                index = range.upperBound
            }
            result += buffer[index...]
            return result
        }
    }

    /// `bytes` with each number's bytes (from its first digit to its last, escapes and the printed
    /// form's space included) replaced by what `replacement` gives for its eleven digit values.
    public static func replacing(
        in bytes: some Collection<UInt8>, by replacement: ([Int]) -> [UInt8]
    ) -> [UInt8] {
        withBuffer(bytes) { buffer in
            guard occurs(in: buffer) else { return Array(buffer) }
            var result: [UInt8] = []
            var index = 0
            for number in numbersLineByLine(in: buffer) {
                result += buffer[index..<number[0].bytes.lowerBound]
                result += replacement(number.map(\.value))
                index = number[10].bytes.upperBound
            }
            result += buffer[index...]
            return result
        }
    }

    /// `text` with every number masked.
    public static func masked(_ text: String) -> String {
        String(decoding: masked(Array(text.utf8)), as: UTF8.self)
    }

    private static func withBuffer<Result>(
        _ bytes: some Collection<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        if let result = bytes.withContiguousStorageIfAvailable(body) { return result }
        return Array(bytes).withUnsafeBufferPointer(body)
    }
}
