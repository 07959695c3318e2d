#!/usr/bin/env python3
"""The peer of `fristvakt status --events FILE --today DAY` in pandas + pyarrow, for the benchmark's
event files: it prints the same status document, byte for byte, for files that hold only
`referral.received` (standard group, default period) and `referral.assessed` events, each case
received once. It stops on anything else. It does not validate the events as fristvakt does (the
benchmark's files are valid), so it does less work than fristvakt on the same file.

Working days as fristvakt counts them: Monday to Friday except Norwegian public holidays.
Usage: pandas_status.py EVENTS.jsonl YYYY-MM-DD
"""
import sys

import numpy as np
import pandas as pd

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from numpy_add_working_days import holidays  # noqa: E402

RULES = ["vurderingsfrist", "frist-helsehjelp", "reell-oppstart", "statsforvalter-klage",
         "4a8-overproving", "4a5-gyldighet", "mote-alvorlig-hendelse"]
STATES = ["running", "at-risk", "breached", "met", "met-late", "exempt", "cancelled"]
WINDOW = {"vurderingsfrist": 3, "frist-helsehjelp": 10}


def main():
    path, today_text = sys.argv[1], sys.argv[2]
    today = np.datetime64(today_text, "D")
    calendar = np.busdaycalendar(weekmask="1111100", holidays=holidays())
    events = pd.read_json(path, lines=True, engine="pyarrow")
    if not set(events["type"].unique()) <= {"referral.received", "referral.assessed"}:
        sys.exit("pandas_status.py: only referral.received and referral.assessed are supported")
    events["date"] = pd.to_datetime(events["date"]).values.astype("datetime64[D]")
    received = events[events["type"] == "referral.received"].set_index("case")
    assessed = events[events["type"] == "referral.assessed"].set_index("case")
    if not received.index.is_unique or not assessed.index.is_unique:
        sys.exit("pandas_status.py: each case must be received and assessed at most once")

    # vurderingsfrist: due = received + 10 working days; stopped by the assessment.
    vurdering = pd.DataFrame({"case": received.index, "unit": received.get("unit"),
                              "start": received["date"].values})
    # roll="backward": a referral received on a closed day counts from the working day before,
    # so the first working day after it is day 1, as in fristvakt.
    vurdering["due"] = np.busday_offset(vurdering["start"].values.astype("datetime64[D]"), 10,
                                        roll="backward", busdaycal=calendar)
    vurdering["stop"] = assessed["date"].reindex(vurdering["case"]).values
    vurdering["rule"] = "vurderingsfrist"
    # frist-helsehjelp: from an assessment with a right, due the frist set.
    right = assessed[assessed["outcome"] == "right"]
    care = pd.DataFrame({"case": right.index, "start": right["date"].values,
                         "due": pd.to_datetime(right["frist"]).values.astype("datetime64[D]")})
    care["unit"] = received.get("unit").reindex(care["case"]).values if "unit" in received else None
    care["stop"] = np.datetime64("NaT")
    care["rule"] = "frist-helsehjelp"
    clocks = pd.concat([vurdering, care], ignore_index=True)

    due = clocks["due"].values.astype("datetime64[D]")
    start = clocks["start"].values.astype("datetime64[D]")
    stop = clocks["stop"].values.astype("datetime64[D]")
    window = clocks["rule"].map(WINDOW).values
    at_risk_from = np.maximum(np.busday_offset(due, -window, roll="backward", busdaycal=calendar), start)
    stopped = ~np.isnat(stop)
    state = np.select(
        [stopped & (stop <= due), stopped, today > due, today >= at_risk_from],
        ["met", "met-late", "breached", "at-risk"], default="running")
    clocks["state"] = state

    lines = ["{", '  "schema": "fristvakt-status/1",',
             f'  "generated_at": "{today_text}T07:00:00+01:00",', f'  "today": "{today_text}",',
             '  "calendar": {"saturday_is_working_day": false, "extra_closed_days": [], '
             '"extra_closed_named_days": []},']
    counts = clocks.groupby(["rule", "state"]).size()
    totals = counts.groupby(level="state").sum()

    def row(numbers):
        return "{" + ", ".join(f'"{s}": {int(numbers.get(s, 0))}' for s in STATES) + "}"

    lines.append(f'  "totals": {row(totals)},')
    lines.append('  "rules": {')
    rule_rows = []
    for rule in RULES:
        numbers = counts[rule] if rule in counts.index.get_level_values("rule") else {}
        rule_rows.append(f'    "{rule}": {row(numbers)}')
    lines.append(",\n".join(rule_rows))
    # Per unit (the case's unit, "" without one), sorted by name.
    by_unit = clocks.assign(unit=clocks["unit"].fillna("")).groupby(["unit", "state"]).size()
    unit_rows = [f'    "{unit}": {row(by_unit[unit])}'
                 for unit in sorted(by_unit.index.get_level_values("unit").unique())]
    lines += ["  },", '  "units": {', ",\n".join(unit_rows)]
    lines += ["  },", '  "targets": {',
              '    "statsforvalter-klage": {"decided_last_365_days": 0, "within_target": 0, '
              '"share": null, "goal": 0.9}', "  },"]

    # The open list: at risk or breached, most urgent first.
    open_ = clocks[(clocks["state"] == "at-risk") | (clocks["state"] == "breached")].copy()
    o_due = open_["due"].values.astype("datetime64[D]")
    after_today = today + np.timedelta64(1, "D")
    left = np.busday_count(after_today, o_due + np.timedelta64(1, "D"), busdaycal=calendar)
    overdue = np.busday_count(o_due + np.timedelta64(1, "D"), after_today, busdaycal=calendar)
    open_["days_left"] = np.where(today <= o_due, left, -overdue)
    # With no planned start in this mix, every open frist-helsehjelp clock has HELFO to tell.
    open_["helfo"] = open_["rule"] == "frist-helsehjelp"
    lines.append(f'  "duties": {{"helfo-required": {int(open_["helfo"].sum())}, "over-cap": 0}},')
    open_ = open_.sort_values(["days_left", "due", "case", "rule"], kind="stable")
    if len(open_) == 0:
        lines.append('  "open": []')
    else:
        units = open_["unit"].where(open_["unit"].notna(), None)
        items = [
            f'    {{"case": "{c}", "unit": {("null" if u is None else chr(34) + u + chr(34))}, '
            f'"rule": "{r}", "state": "{s}", "start": "{st}", "due": "{d}", "days_left": {dl}, '
            f'"helfo_required": {"true" if h else "false"}, '
            f'"duty": {chr(34) + "helfo-required" + chr(34) if h else "null"}}}'
            for c, u, r, s, st, d, dl, h in zip(
                open_["case"], units, open_["rule"], open_["state"],
                open_["start"].values.astype("datetime64[D]").astype(str),
                open_["due"].values.astype("datetime64[D]").astype(str),
                open_["days_left"], open_["helfo"])]
        lines.append('  "open": [\n' + ",\n".join(items) + "\n  ]")
    lines.append("}")
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
