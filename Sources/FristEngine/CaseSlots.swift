extension CaseRecord {
    /// Each rule's slot in a case, by `RuleID.ordinal`: the index of the rule's current clock and
    /// a byte of flags whose meaning the rule alone gives. Inline and 8-byte aligned, for the
    /// sixteen rules `Rules.capacity` allows (48 bytes): a million cases are held in memory at
    /// once.
    struct Slots: Sendable, Equatable {
        /// Four clock indices per word, 16 bits each, stored plus one (0: no clock).
        private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        /// A byte of flags per rule: rules 0–7 in the first word, 8–15 in the second.
        private var flagWords: (UInt64, UInt64) = (0, 0)

        /// The most clocks a case may have: every index must fit its 16 bits.
        static let maximumClocks = Int(UInt16.max) - 1

        static func == (lhs: Slots, rhs: Slots) -> Bool {
            lhs.words == rhs.words && lhs.flagWords == rhs.flagWords
        }

        /// Whether no rule has a clock in the case (a new case, or one closed since).
        var isEmpty: Bool { words == (0, 0, 0, 0) }

        /// The index of the rule's current clock.
        func clock(of rule: RuleID) -> Int? {
            let stored = UInt16(truncatingIfNeeded: word(rule.ordinal >> 2) >> Self.shift(rule))
            return stored == 0 ? nil : Int(stored) - 1
        }

        /// Makes `index` the rule's current clock (nil: none).
        mutating func setClock(_ index: Int?, of rule: RuleID) {
            precondition((index ?? 0) < Self.maximumClocks, "a clock index past the slots' 16 bits")
            let stored = UInt64(index.map { UInt16($0 + 1) } ?? 0)
            let shift = Self.shift(rule)
            setWord(rule.ordinal >> 2, word(rule.ordinal >> 2) & ~(0xFFFF << shift) | stored << shift)
        }

        /// The rule's flags.
        func flags(of rule: RuleID) -> UInt8 {
            UInt8(truncatingIfNeeded: flagWord(rule) >> (8 * UInt64(rule.ordinal & 7)))
        }

        /// Sets or clears one of the rule's flags.
        mutating func set(_ flag: UInt8, of rule: RuleID, to on: Bool) {
            let current = flags(of: rule)
            setFlags(on ? current | flag : current & ~flag, of: rule)
        }

        /// The rule's flags, whole.
        mutating func setFlags(_ flags: UInt8, of rule: RuleID) {
            let shift = 8 * UInt64(rule.ordinal & 7)
            let value = flagWord(rule) & ~(0xFF << shift) | UInt64(flags) << shift
            if rule.ordinal < 8 { flagWords.0 = value } else { flagWords.1 = value }
        }

        /// Empties the rule's slot: no clock, no flags.
        mutating func clear(_ rule: RuleID) {
            setClock(nil, of: rule)
            setFlags(0, of: rule)
        }

        private static func shift(_ rule: RuleID) -> UInt64 { UInt64(rule.ordinal & 3) * 16 }

        private func flagWord(_ rule: RuleID) -> UInt64 { rule.ordinal < 8 ? flagWords.0 : flagWords.1 }

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
