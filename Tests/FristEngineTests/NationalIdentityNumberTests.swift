import FristEngine
import Testing

/// The identity-number search over a line's bytes: digits as bytes or JSON escapes, whole or
/// inside a longer value, and the printed form with a space; never inside a longer run of digits.
@Suite("NationalIdentityNumber")
struct NationalIdentityNumberTests {
    /// Valid numbers (check digits right) and a near miss.
    static let valid = "15038510190"
    static let other = "05109706460"
    static let wrongCheckDigit = "15038510191"

    @Test(
        "found whole, inside a longer value, escaped, and in the printed form",
        arguments: [
            #"{"case":"15038510190"}"#,
            #"{"case":"H-15038510190"}"#,
            #"{"id":"x15038510190y"}"#,
            #"{"case":"\u0031\u0035038510190"}"#,
            #"{"case":"15038510\u0031\u00390"}"#,
            #"{"case":"150385 10190"}"#,
            #"{"case":"150385\u002010190"}"#,
            #"{"note":"fnr: 05109706460"}"#,
            #"{"x":15038510190}"#,
        ])
    func found(_ line: String) {
        #expect(NationalIdentityNumber.occurs(in: line))
        let masked = NationalIdentityNumber.masked(line)
        #expect(!NationalIdentityNumber.occurs(in: masked), "\(masked)")
        #expect(masked.filter { $0 == "*" }.count == 9, "nine digits hidden, the last two kept: \(masked)")
    }

    @Test(
        "not found: a wrong check digit, a longer run, an escaped backslash, a date",
        arguments: [
            #"{"case":"15038510191"}"#,
            #"{"case":"115038510190"}"#,
            #"{"case":"150385101901"}"#,
            #"{"case":"\\u0031\u0035038510190"}"#,
            #"{"date":"2026-12-06","id":"r7-14568"}"#,
            #"{"case":"150385  10190"}"#,
            "",
        ])
    func notFound(_ line: String) {
        #expect(!NationalIdentityNumber.occurs(in: line))
        #expect(NationalIdentityNumber.masked(line) == line)
    }

    @Test("masking keeps the last two digits and every other byte")
    func masking() {
        #expect(
            NationalIdentityNumber.masked(#"{"case":"H-15038510190","unit":"A"}"#)
                == #"{"case":"H-*********90","unit":"A"}"#)
        #expect(NationalIdentityNumber.masked(#"{"case":"\u0031\u0035038510190"}"#) == #"{"case":"*********90"}"#)
        #expect(NationalIdentityNumber.masked("150385 10190 og 05109706460") == "****** ***90 og *********60")
    }

    @Test("the check digits")
    func checkDigits() {
        #expect(NationalIdentityNumber.passesCheckDigits(Self.valid))
        #expect(NationalIdentityNumber.passesCheckDigits(Self.other))
        #expect(!NationalIdentityNumber.passesCheckDigits(Self.wrongCheckDigit))
        #expect(!NationalIdentityNumber.passesCheckDigits("1503851019"))
    }
}
