extension CaseRecord {
    /// Each rule's slot in a case, by `RuleID.ordinal`: the index of the rule's current clock (-1
    /// for none) and a byte of flags whose meaning the rule alone gives. Inline, for the eight
    /// rules `Rules.capacity` allows: a million cases are held in memory at once.
    struct Slots: Sendable, Equatable {
        private var indices = SIMD8<Int32>(repeating: -1)
        private var flagBytes = SIMD8<UInt8>(repeating: 0)

        /// Whether no rule has a clock in the case (a new case, or one closed since).
        var isEmpty: Bool { indices == SIMD8(repeating: -1) }

        /// The index of the rule's current clock.
        func clock(of rule: RuleID) -> Int? {
            let raw = indices[rule.ordinal]
            return raw < 0 ? nil : Int(raw)
        }

        /// Makes `index` the rule's current clock (nil: none).
        mutating func setClock(_ index: Int?, of rule: RuleID) {
            indices[rule.ordinal] = index.map { Int32($0) } ?? -1
        }

        /// The rule's flags.
        func flags(of rule: RuleID) -> UInt8 { flagBytes[rule.ordinal] }

        /// Sets or clears one of the rule's flags.
        mutating func set(_ flag: UInt8, of rule: RuleID, to on: Bool) {
            flagBytes[rule.ordinal] = on ? flagBytes[rule.ordinal] | flag : flagBytes[rule.ordinal] & ~flag
        }

        /// Empties the rule's slot: no clock, no flags.
        mutating func clear(_ rule: RuleID) {
            indices[rule.ordinal] = -1
            flagBytes[rule.ordinal] = 0
        }

        /// The rule's flags, whole (for the persisted form).
        mutating func setFlags(_ flags: UInt8, of rule: RuleID) { flagBytes[rule.ordinal] = flags }
    }
}
