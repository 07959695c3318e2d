/// domstolloven § 149: a deadline that binds a party (a klagefrist) and ends on a Saturday, a
/// Sunday or a public holiday is moved to the next day that is none of these.
///
/// This is the law's own rule, so it ignores the configured calendar options (a Saturday is
/// moved even where Saturday is configured as a working day, and extra closed days do not move
/// it). Targets and duties of an authority are not moved (rules.md § 1): no fristvakt clock
/// uses this today; it is here for klagefrister and for `fristvakt calendar`.
extension WorkingDayCalendar {
    /// The first day on or after `date` that is not a Saturday, Sunday or public holiday.
    public func movedPerParagraph149(_ date: CalendarDate) throws(CalendarError) -> CalendarDate {
        var candidate = date
        while candidate.weekday == .saturday || candidate.weekday == .sunday || isPublicHoliday(candidate) {
            candidate = try candidate.adding(days: 1)
        }
        return candidate
    }
}
