import FristCalendar

/// A legal rule: everything fristvakt knows of one deadline, in one file under `Rules/`, and
/// registered by one line in `Rules.all`.
///
/// - `definition`: its id, title, law reference, how it counts days, its default warning window
///   and its code in persisted state.
/// - `events`: the event types it brings, if the contract's do not serve.
/// - `reactions` and `react`: the events it reacts to, and its start, stop and cancel
///   transitions with their checks. The engine calls every rule that reacts to an event, in the
///   order of `Rules.all`, on a copy of the case: a refusal from any of them leaves the case as
///   it was (validate, then change).
/// - Its persisted part is its slot in the case (`CaseRecord.Slots`): the index of its
///   current clock and a byte of flags it alone gives meaning to. The slots are persisted and
///   read back without any rule's help.
/// - `countStopped`, `countOpen` and `countEvent`: its counters in the monthly report, in the
///   schema's fixed groups or in sections of its own (`reportSections`).
protocol Rule: Sendable {
    /// Id, title, law reference, counting, default window, persisted code.
    static var definition: RuleDefinition { get }

    /// The rule's id (its constant on `RuleID`, declared in the rule's file).
    static var id: RuleID { get }

    /// The event types `react` handles.
    static var reactions: Set<EventType> { get }

    /// The event types this rule brings beyond the contract's (docs/events.md): each decoded,
    /// encoded and refused from its spec, and delivered to `react` as `EventPayload.declared`.
    /// Specs name other types by their wire names: `EventType`'s list is built from these, so
    /// they must not read it.
    static var events: [EventSpec] { get }

    /// The flags of its slot that a persisted case may set (the rest are refused when read back).
    static var slotFlags: UInt8 { get }

    /// Applies an event of a type in `reactions` to the case: starts, stops or cancels clocks,
    /// or refuses the event.
    static func react(to event: Event, in record: inout CaseRecord, calendar: WorkingDayCalendar) throws(EventRefusal)

    /// Counts a clock of this rule that stopped on `stop`, in the row of `stop`'s month.
    static func countStopped(
        _ clock: Clock, on stop: CalendarDate, context: ReportContext, into row: inout MonthlyReport.Row)

    /// Whether `countOpen` counts anything: the report then folds each case month by month.
    static var countsOpenClocks: Bool { get }

    /// Counts a clock of this rule still open (running, at risk or breached) at the month's end,
    /// `end` (the report's day for the month still running).
    static func countOpen(
        _ clock: Clock, state: ClockState, on end: CalendarDate, context: ReportContext,
        into row: inout MonthlyReport.Row)

    /// The report sections this rule adds after the schema's fixed groups; it counts into them
    /// (`row[figure]`) from `countStopped`, `countOpen` and `countEvent`.
    static var reportSections: [ReportSection] { get }

    /// Counts an accepted event of a type in `reactions`, in the row of its date's month. Called
    /// only for a rule with `reportSections`.
    static func countEvent(_ event: Event, into row: inout MonthlyReport.Row)
}

extension Rule {
    static var events: [EventSpec] { [] }
    static var slotFlags: UInt8 { 0 }
    static var countsOpenClocks: Bool { false }
    static func countStopped(
        _ clock: Clock, on stop: CalendarDate, context: ReportContext, into row: inout MonthlyReport.Row
    ) {}
    static func countOpen(
        _ clock: Clock, state: ClockState, on end: CalendarDate, context: ReportContext,
        into row: inout MonthlyReport.Row
    ) {}
    static var reportSections: [ReportSection] { [] }
    static func countEvent(_ event: Event, into row: inout MonthlyReport.Row) {}
}

/// What a rule's report counters may need beyond its clock: the case's referrals and the calendar.
struct ReportContext {
    /// Each referral of the case: its date and patient group, in date order.
    let receipts: [(date: CalendarDate, group: PatientGroup)]
    /// The configured calendar.
    let calendar: WorkingDayCalendar

    /// The referral a clock that started on `start` belongs to: the last received on or before it.
    func receipt(before start: CalendarDate) -> (date: CalendarDate, group: PatientGroup)? {
        receipts.last { $0.date <= start }
    }
}
