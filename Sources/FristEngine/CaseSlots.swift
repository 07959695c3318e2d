extension CaseRecord {
    /// Each rule's slot in a case, by `RuleID.ordinal`: the index of the rule's current clock and
    /// a byte of flags whose meaning the rule alone gives. Inline and 8-byte aligned, for the
    /// eight rules `Rules.capacity` allows (40 bytes): a million cases are held in memory at once.
    struct Slots: Sendable, Equatable {
        /// Two clock indices per word, each stored plus one (0: no clock).
        private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        /// A byte of flags per rule.
        private var flagBytes: UInt64 = 0

        static func == (lhs: Slots, rhs: Slots) -> Bool {
            lhs.words == rhs.words && lhs.flagBytes == rhs.flagBytes
        }

        /// Whether no rule has a clock in the case (a new case, or one closed since).
        var isEmpty: Bool { words == (0, 0, 0, 0) }

        /// The index of the rule's current clock.
        func clock(of rule: RuleID) -> Int? {
            let stored = UInt32(truncatingIfNeeded: word(rule.ordinal >> 1) >> Self.shift(rule))
            return stored == 0 ? nil : Int(stored) - 1
        }

        /// Makes `index` the rule's current clock (nil: none).
        mutating func setClock(_ index: Int?, of rule: RuleID) {
            let stored = UInt64(index.map { UInt32($0 + 1) } ?? 0)
            let shift = Self.shift(rule)
            setWord(rule.ordinal >> 1, word(rule.ordinal >> 1) & ~(0xFFFF_FFFF << shift) | stored << shift)
        }

        /// The rule's flags.
        func flags(of rule: RuleID) -> UInt8 { UInt8(truncatingIfNeeded: flagBytes >> (8 * UInt64(rule.ordinal))) }

        /// Sets or clears one of the rule's flags.
        mutating func set(_ flag: UInt8, of rule: RuleID, to on: Bool) {
            let current = flags(of: rule)
            setFlags(on ? current | flag : current & ~flag, of: rule)
        }

        /// The rule's flags, whole.
        mutating func setFlags(_ flags: UInt8, of rule: RuleID) {
            let shift = 8 * UInt64(rule.ordinal)
            flagBytes = flagBytes & ~(0xFF << shift) | UInt64(flags) << shift
        }

        /// Empties the rule's slot: no clock, no flags.
        mutating func clear(_ rule: RuleID) {
            setClock(nil, of: rule)
            setFlags(0, of: rule)
        }

        private static func shift(_ rule: RuleID) -> UInt64 { UInt64(rule.ordinal & 1) * 32 }

        private func word(_ index: Int) -> UInt64 {
            switch index {
            case 0: words.0
            case 1: words.1
            case 2: words.2
            default: words.3
            }
        }

        private mutating func setWord(_ index: Int, _ value: UInt64) {
            switch index {
            case 0: words.0 = value
            case 1: words.1 = value
            case 2: words.2 = value
            default: words.3 = value
            }
        }
    }
}
