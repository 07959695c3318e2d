import FristService
import Testing

/// Field names and the logfmt fallback.
@Suite("journal fields")
struct JournalTests {
    @Test("metadata keys become journal field names of [A-Z0-9_] not starting with _ or a digit")
    func fieldNames() {
        #expect(Journal.fieldName("file") == "FILE")
        #expect(Journal.fieldName("sl-signal") == "SL_SIGNAL")
        #expect(Journal.fieldName("_private") == "PRIVATE")
        #expect(Journal.fieldName("2fa") == "F2FA")
        #expect(Journal.fieldName("ø") == "F")
        #expect(Journal.fieldName("") == "F")
    }

    @Test("logfmt quotes what needs quoting and drops the FRIST_ prefix")
    func logfmt() {
        let line = Journal.logfmt([
            ("MESSAGE", "Vurderingsfrist brutt: sak H-1 (frist 2026-12-07, pbrl § 2-2)"), ("PRIORITY", "3"),
            ("FRIST_CASE", "H-1"), ("FRIST_LAW", "a=\"b\""), ("FRIST_UNIT", ""),
        ])
        #expect(
            line
                == #"msg="Vurderingsfrist brutt: sak H-1 (frist 2026-12-07, pbrl § 2-2)" priority=3 case=H-1 law="a=\"b\"" unit="""#
        )
        // A backslash alone needs no quotes; with a newline, both are escaped inside them.
        #expect(Journal.logfmt([("FRIST_A", #"x\y"#), ("b", "x\\y\nz")]) == #"a=x\y b="x\\y\nz""#)
    }
}
