#!/usr/bin/env python3
"""The peer of `fristvakt status --events FILE --today DAY` in pandas + pyarrow, for the benchmark's
event files (bench/realistic-mix.py, and the easy mix of `fristvakt-bench`): it prints the same
status document, byte for byte, with the default configuration.

It knows every event type of those files, as rules.md defines them, on one condition: each case
has at most one event of each type, and its events come in the order the rules expect (received,
assessed, scheduled, postponed, helfo-notified, started, treatment-started, closed; filed,
interim-reply, forwarded, received, decided, resolved-locally, withdrawn; vedtak made, then
reviewed, appealed or ended; an incident, then its meeting). It stops on a file that breaks that,
or on a type it does not know. It does not validate the events as fristvakt does (the benchmark's
files are valid), so it does less work than fristvakt on the same file.

Working days as fristvakt counts them: Monday to Friday except Norwegian public holidays.
Usage: pandas_status.py EVENTS.jsonl YYYY-MM-DD
"""
import math
import sys

import numpy as np
import pandas as pd

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from numpy_add_working_days import holidays  # noqa: E402

# Rules in fristvakt's order, with their warning windows and whether they count working days.
RULES = ["vurderingsfrist", "frist-helsehjelp", "reell-oppstart", "statsforvalter-klage",
         "4a8-overproving", "4a5-gyldighet", "mote-alvorlig-hendelse", "klage-underinstans"]
WINDOW = [3, 10, 10, 14, 14, 30, 3, 7]
WORKING = [True, True, True, False, False, False, False, False]
STATES = ["running", "at-risk", "breached", "met", "met-late", "exempt", "cancelled"]
RUNNING, AT_RISK, BREACHED, MET, MET_LATE, EXEMPT, CANCELLED = range(7)
OPEN, STOPPED, ENDED_CANCELLED, ENDED_EXEMPT = 0, 1, 2, 3
NAT = np.datetime64("NaT", "D")
KNOWN = {
    "referral.received", "referral.assessed", "referral.scheduled", "referral.postponed",
    "referral.helfo-notified", "referral.started", "referral.treatment-started", "referral.closed",
    "complaint.filed", "complaint.interim-reply", "complaint.forwarded", "complaint.received",
    "complaint.decided", "complaint.resolved-locally", "complaint.withdrawn",
    "vedtak4a.made", "vedtak4a.reviewed", "vedtak4a.appealed", "vedtak4a.ended",
    "incident.occurred", "incident.meeting-offered",
}
# Per track, the order a case's events must come in (dates never falling).
ORDERS = [
    ["referral.received", "referral.assessed", "referral.scheduled", "referral.postponed",
     "referral.helfo-notified", "referral.started", "referral.treatment-started", "referral.closed"],
    ["complaint.filed", "complaint.interim-reply", "complaint.forwarded", "complaint.received",
     "complaint.decided", "complaint.resolved-locally", "complaint.withdrawn"],
    ["vedtak4a.made", "vedtak4a.reviewed", "vedtak4a.appealed", "vedtak4a.ended"],
    ["incident.occurred", "incident.meeting-offered"],
]


class Cases:
    """The file as one row per case: per event type, its date and its fields. Cases are numbered
    in the order of their references, so sorting by number sorts by reference."""

    def __init__(self, events):
        self.events = events
        codes, names = events["case"].factorize(sort=True)
        self.codes = codes
        self.names = np.asarray(names, dtype=object)
        self.count = len(self.names)
        self.days = events["date"].values
        kinds, kind_names = events["type"].factorize()
        order = np.argsort(kinds, kind="stable")
        bounds = np.searchsorted(kinds[order], np.arange(len(kind_names) + 1))
        self.rows = {name: order[bounds[i]:bounds[i + 1]] for i, name in enumerate(kind_names)}
        for kind, rows in self.rows.items():
            if np.bincount(codes[rows]).max() > 1:
                sys.exit(f"pandas_status.py: a case has more than one {kind}")

    def _place(self, kind, values, empty):
        out = np.full(self.count, empty)
        rows = self.rows.get(kind)
        if rows is not None:
            out[self.codes[rows]] = values(rows)
        return out

    def date(self, kind):
        return self._place(kind, lambda rows: self.days[rows], NAT)

    def field_date(self, kind, name):
        if name not in self.events:
            return np.full(self.count, NAT)
        column = self.events[name]
        return self._place(kind, lambda rows: as_date(column.iloc[rows]), NAT)

    def field(self, kind, name, empty=None):
        if name not in self.events:
            return np.full(self.count, empty, dtype=object)
        column = self.events[name]
        values = self._place(kind, lambda rows: column.iloc[rows].to_numpy(dtype=object, na_value=empty), None)
        return np.where(pd.isna(values), empty, values)

    def check_order(self):
        for order in ORDERS:
            last = np.full(self.count, NAT)
            for kind in order:
                day = self.date(kind)
                present = ~np.isnat(day)
                if np.any(present & ~np.isnat(last) & (day < last)):
                    sys.exit(f"pandas_status.py: {kind} before an earlier step of its case")
                last = np.where(present, day, last)


def as_date(values):
    return pd.to_datetime(values).values.astype("datetime64[D]")


def add_months(day, months):
    """fristvakt's month arithmetic: the same day n months on, or that month's last day."""
    month = day.astype("datetime64[M]")
    target = month + months.astype("timedelta64[M]")
    length = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(int)
    offset = np.minimum((day - month.astype("datetime64[D]")).astype(int), length - 1)
    return target.astype("datetime64[D]") + offset.astype("timedelta64[D]")


def ending(stops):
    """The first of (date, kind) pairs, in order: a clock ends at the first event that ends it."""
    kind = np.full(len(stops[0][0]), OPEN)
    when = np.full(len(stops[0][0]), NAT)
    for day, what in stops:
        take = ~np.isnat(day) & (np.isnat(when) | (day < when))
        kind = np.where(take, what, kind)
        when = np.where(take, day, when)
    return kind, when


def main():
    path, today_text = sys.argv[1], sys.argv[2]
    today = np.datetime64(today_text, "D")
    calendar = np.busdaycalendar(weekmask="1111100", holidays=holidays())
    events = pd.read_json(path, lines=True, engine="pyarrow")
    unknown = set(events["type"].unique()) - KNOWN
    if unknown:
        sys.exit(f"pandas_status.py: unsupported types {sorted(unknown)}")
    events["date"] = as_date(events["date"])
    cases = Cases(events)
    cases.check_order()
    n = cases.count
    # A case's latest unit (as a number; -1 without one), numbered in the order of the names.
    unit = np.full(n, -1)
    unit_names = np.array([], dtype=object)
    if "unit" in events:
        unit_codes, names = events["unit"].factorize(sort=True)
        rows = np.flatnonzero(unit_codes >= 0)
        unit[cases.codes[rows]] = unit_codes[rows]
        unit_names = np.asarray(names, dtype=object)

    def working_days(start, count):
        return np.busday_offset(start, count, roll="backward", busdaycal=calendar)

    def only(has, compute):
        """A date for the cases that have the clock (`compute` of their mask), NaT for the rest."""
        out = np.full(n, NAT)
        out[has] = compute(has)
        return out

    clocks = []  # per rule: a dict of equal-length arrays over the cases that have its clock

    def clock(rule, has, start, due, kind, when, due_since=None, extra=None):
        part = {"rule": np.full(int(has.sum()), rule), "case": np.flatnonzero(has),
                "start": start[has], "due": due[has], "end": kind[has], "end_day": when[has],
                "due_since": (start if due_since is None else due_since)[has]}
        for name, values in (extra or {}).items():
            part[name] = values[has]
        clocks.append(part)

    received = cases.date("referral.received")
    assessed = cases.date("referral.assessed")
    closed = cases.date("referral.closed")
    started = cases.date("referral.started")
    # vurderingsfrist (pbrl § 2-2): 10 working days, or the shorter period given.
    has = ~np.isnat(received)
    period = cases.field("referral.received", "assessment_working_days", 10).astype(int)
    due = only(has, lambda h: working_days(received[h], period[h]))
    kind, when = ending([(assessed, STOPPED), (closed, ENDED_CANCELLED)])
    clock(0, has, received, due, kind, when)

    # frist-helsehjelp: the frist set at assessment with a right, moved by a postponement.
    outcome = cases.field("referral.assessed", "outcome")
    has = outcome == "right"
    frist = cases.field_date("referral.assessed", "frist")
    scheduled = cases.field_date("referral.assessed", "scheduled")
    moved = cases.date("referral.scheduled")
    scheduled = np.where(~np.isnat(moved), cases.field_date("referral.scheduled", "scheduled"), scheduled)
    postponed = cases.date("referral.postponed")
    new_frist = cases.field_date("referral.postponed", "frist")
    due = np.where(~np.isnat(new_frist), new_frist, frist)
    due_since = np.where(~np.isnat(new_frist), postponed, assessed)
    exempt = np.where(~np.isnat(postponed) & np.isnat(new_frist), postponed, NAT)
    kind, when = ending([(exempt, ENDED_EXEMPT), (started, STOPPED), (closed, ENDED_CANCELLED)])
    under23 = cases.field("referral.received", "group") == "under23-psych"
    capped = has & under23
    cap = only(capped, lambda h: working_days(received[h], 65))
    over_cap = np.where(capped & (frist > cap), frist, NAT)
    helfo_notified = ~np.isnat(cases.date("referral.helfo-notified"))
    clock(1, has, assessed, due, kind, when, due_since,
          {"scheduled": scheduled, "notified": helfo_notified, "over_cap": over_cap})

    # reell-oppstart: from a start that was not real treatment, 40 working days.
    substantive = cases.field("referral.started", "substantive", True)
    has = ~np.isnat(started) & (substantive == False)  # noqa: E712 (an object array)
    due = only(has, lambda h: working_days(started[h], 40))
    kind, when = ending([(cases.date("referral.treatment-started"), STOPPED), (closed, ENDED_CANCELLED)])
    clock(2, has, started, due, kind, when)

    # statsforvalter-klage: target months from receipt (3 by default), calendar days.
    complaint = cases.date("complaint.received")
    withdrawn = cases.date("complaint.withdrawn")
    has = ~np.isnat(complaint)
    months = cases.field("complaint.received", "target_months", 3).astype(int)
    due = only(has, lambda h: add_months(complaint[h], months[h]))
    kind, when = ending([(cases.date("complaint.decided"), STOPPED), (withdrawn, ENDED_CANCELLED)])
    clock(3, has, complaint, due, kind, when)

    # 4a8-overproving and 4a5-gyldighet from a § 4A vedtak.
    made = cases.date("vedtak4a.made")
    ended = cases.date("vedtak4a.ended")
    has = ~np.isnat(made)
    due = only(has, lambda h: add_months(made[h], np.full(int(h.sum()), 3)))
    kind, when = ending([(cases.date("vedtak4a.reviewed"), STOPPED),
                         (cases.date("vedtak4a.appealed"), ENDED_CANCELLED), (ended, ENDED_CANCELLED)])
    clock(4, has, made, due, kind, when)
    valid_until = cases.field_date("vedtak4a.made", "valid_until")
    due = only(has, lambda h: add_months(made[h], np.full(int(h.sum()), 12)))
    due = np.where(~np.isnat(valid_until), valid_until, due)
    kind, when = ending([(ended, ENDED_CANCELLED)])
    clock(5, has, made, due, kind, when)

    # mote-alvorlig-hendelse: a meeting offered within 10 days.
    occurred = cases.date("incident.occurred")
    has = ~np.isnat(occurred)
    kind, when = ending([(cases.date("incident.meeting-offered"), STOPPED)])
    clock(6, has, occurred, occurred + np.timedelta64(10, "D"), kind, when)

    # klage-underinstans: a month to answer, or the date of a foreløpig svar.
    filed = cases.date("complaint.filed")
    has = ~np.isnat(filed)
    interim = cases.date("complaint.interim-reply")
    expected = cases.field_date("complaint.interim-reply", "expected")
    due = only(has, lambda h: add_months(filed[h], np.full(int(h.sum()), 1)))
    due = np.where(~np.isnat(expected), expected, due)
    due_since = np.where(~np.isnat(interim), interim, filed)
    kind, when = ending([(cases.date("complaint.forwarded"), STOPPED), (complaint, STOPPED),
                         (cases.date("complaint.resolved-locally"), STOPPED), (withdrawn, ENDED_CANCELLED)])
    clock(7, has, filed, due, kind, when, due_since)

    frame = pd.DataFrame({key: np.concatenate([part.get(key, np.full(len(part["rule"]),
                                                                      NAT if key in ("scheduled", "over_cap")
                                                                      else False))
                                               for part in clocks])
                          for key in ["rule", "case", "start", "due", "end", "end_day", "due_since",
                                      "scheduled", "notified", "over_cap"]})
    write(frame, cases.names, unit, unit_names, today, today_text, calendar)


def write(clocks, case_names, unit, unit_names, today, today_text, calendar):
    rule = clocks["rule"].values
    due = clocks["due"].values.astype("datetime64[D]")
    end = clocks["end"].values
    end_day = clocks["end_day"].values.astype("datetime64[D]")
    working = np.array(WORKING)[rule]
    window = np.array(WINDOW)[rule]
    since = clocks["due_since"].values.astype("datetime64[D]")
    # The first day at risk, for the open clocks (fristvakt's DeadlineArithmetic.atRiskDate).
    at_risk_from = np.full(len(due), NAT)
    by_working = (end == OPEN) & working
    by_calendar = (end == OPEN) & ~working
    at_risk_from[by_working] = np.busday_offset(due[by_working], -window[by_working], roll="backward",
                                                busdaycal=calendar)
    at_risk_from[by_calendar] = due[by_calendar] - window[by_calendar].astype("timedelta64[D]")
    at_risk_from = np.maximum(at_risk_from, since)
    state = np.select(
        [end == STOPPED, end == ENDED_CANCELLED, end == ENDED_EXEMPT, today > due, today >= at_risk_from],
        [np.where(end_day <= due, MET, MET_LATE), CANCELLED, EXEMPT, BREACHED, AT_RISK], default=RUNNING)
    # Duties of an open frist-helsehjelp clock: HELFO first, then the 65-day cap.
    open_care = (rule == 1) & (end == OPEN) & ~clocks["notified"].values.astype(bool)
    scheduled = clocks["scheduled"].values.astype("datetime64[D]")
    planned = ~np.isnat(scheduled)
    helfo = open_care & np.where(planned, scheduled > due, (state == AT_RISK) | (state == BREACHED))
    over_cap = clocks["over_cap"].values.astype("datetime64[D]")
    cap = (rule == 1) & (end == OPEN) & ~helfo & ~np.isnat(over_cap) & (due >= over_cap)

    def row(numbers):
        return "{" + ", ".join(f'"{name}": {int(numbers[i])}' for i, name in enumerate(STATES)) + "}"

    by_rule = np.zeros((len(RULES), len(STATES)), dtype=np.int64)
    np.add.at(by_rule, (rule, state), 1)
    out = ["{", '  "schema": "fristvakt-status/1",',
           f'  "generated_at": "{today_text}T07:00:00+01:00",', f'  "today": "{today_text}",',
           '  "calendar": {"saturday_is_working_day": false, "extra_closed_days": [], '
           '"extra_closed_named_days": []},',
           f'  "totals": {row(by_rule.sum(axis=0))},', '  "rules": {',
           ",\n".join(f'    "{name}": {row(by_rule[i])}' for i, name in enumerate(RULES)), "  },"]
    case_unit = unit[clocks["case"].values]
    # Cases without a unit count under "", which sorts first.
    names = np.concatenate([[""], unit_names])
    by_unit = np.zeros((len(names), len(STATES)), dtype=np.int64)
    np.add.at(by_unit, (case_unit + 1, state), 1)
    shown = [i for i in range(len(names)) if by_unit[i].sum() > 0]
    out += ['  "units": {', ",\n".join(f'    "{names[i]}": {row(by_unit[i])}' for i in shown), "  },"]
    # Statsforvalteren's target over the 365 days ending today.
    decided = (rule == 3) & (end == STOPPED) & (end_day >= today - np.timedelta64(364, "D")) & (end_day <= today)
    within = int((decided & (end_day <= due)).sum())
    count = int(decided.sum())
    share = "null" if count == 0 else repr(math.floor(within / count * 10_000 + 0.5) / 10_000)
    out += ['  "targets": {',
            f'    "statsforvalter-klage": {{"decided_last_365_days": {count}, "within_target": {within}, '
            f'"share": {share}, "goal": 0.9}}', "  },",
            f'  "duties": {{"helfo-required": {int(helfo.sum())}, "over-cap": {int(cap.sum())}}},']

    # The open list: at risk, breached or holding a duty; most urgent first.
    listed = (state == AT_RISK) | (state == BREACHED) | helfo | cap
    o_due = due[listed]
    o_working = working[listed]
    after_today = today + np.timedelta64(1, "D")
    left = np.where(o_working, np.busday_count(after_today, o_due + np.timedelta64(1, "D"), busdaycal=calendar),
                    (o_due - today).astype(int))
    overdue = np.where(o_working, -np.busday_count(o_due + np.timedelta64(1, "D"), after_today, busdaycal=calendar),
                       (o_due - today).astype(int))
    days_left = np.where(today <= o_due, left, overdue)
    case = clocks["case"].values[listed]
    o_rule = rule[listed]
    # Most urgent first: days left, due, case reference (numbered in its order), rule.
    order = np.lexsort((o_rule, case, o_due, days_left))
    if len(order) == 0:
        out.append('  "open": []')
    else:
        quoted = np.array([f'"{name}"' for name in unit_names] + ["null"], dtype=object)
        duty = np.where(helfo[listed], '"helfo-required"', np.where(cap[listed], '"over-cap"', "null"))[order]
        lines = [
            f'    {{"case": "{c}", "unit": {u}, "rule": "{r}", "state": "{s}", "start": "{st}", "due": "{d}", '
            f'"days_left": {dl}, "helfo_required": {"true" if du[1] == "h" else "false"}, "duty": {du}}}'
            for c, u, r, s, st, d, dl, du in zip(
                case_names[case[order]].tolist(), quoted[case_unit[listed][order]].tolist(),
                np.array(RULES)[o_rule[order]].tolist(), np.array(STATES)[state[listed][order]].tolist(),
                clocks["start"].values[listed][order].astype("datetime64[D]").astype(str).tolist(),
                o_due[order].astype(str).tolist(), days_left[order].tolist(), duty.tolist())]
        out.append('  "open": [\n' + ",\n".join(lines) + "\n  ]")
    out.append("}")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
