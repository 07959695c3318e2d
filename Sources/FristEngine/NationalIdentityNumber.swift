/// The check digits of Norwegian fødselsnummer and D-numbers (modulus 11, two control digits).
/// A case value that passes them is refused: fristvakt must hold pseudonymous references only.
public enum NationalIdentityNumber {
    private static let firstWeights = [3, 7, 6, 1, 8, 9, 4, 5, 2]
    private static let secondWeights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]

    /// Whether `text` is 11 digits whose two check digits are right.
    public static func passesCheckDigits(_ text: String) -> Bool {
        // Most values are not 11 bytes long: answered without an array.
        guard text.utf8.count == 11 else { return false }
        let digits = text.utf8.map { Int($0) - 48 }
        guard digits.count == 11, digits.allSatisfy({ (0...9).contains($0) }) else { return false }
        func control(_ weights: [Int]) -> Int? {
            let sum = zip(weights, digits).reduce(0) { $0 + $1.0 * $1.1 }
            let value = 11 - sum % 11
            return value == 11 ? 0 : value == 10 ? nil : value
        }
        return control(firstWeights) == digits[9] && control(secondWeights) == digits[10]
    }

    /// `text` with every run of exactly 11 digits that passes the check digits masked, all but its
    /// last two digits replaced by `*`, so a refused line can be kept and shown without the
    /// number (data protection: a fødselsnummer is never stored or copied).
    public static func masked(_ text: String) -> String {
        var bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            guard (48...57).contains(bytes[start]) else {
                start += 1
                continue
            }
            var end = start
            while end < bytes.count, (48...57).contains(bytes[end]) { end += 1 }
            if end - start == 11, passesCheckDigits(String(decoding: bytes[start..<end], as: UTF8.self)) {
                for index in start..<(end - 2) { bytes[index] = UInt8(ascii: "*") }
            }
            start = end
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
