#!/usr/bin/env python3
"""A year of a trust's events, as fristvakt's benchmarks and the independent ones use: every event
type in the proportions of a real year, a long list of open clocks (most of them breached), and
ids like `r7-14568`, or random UUIDs with --uuids.

Per 1 000 000 referrals, about: 757 000 assessed (90 % with a right), 24 000 started (15 % of them
not substantive, and half of those treated for real later), 22 000 scheduled, 16 000 postponed,
11 000 closed, 10 000 HELFO notifications; beside them 20 000 complaints at Statsforvalteren,
10 000 at their first stop (filed with the body that decided: a foreløpig svar, forwarded,
resolved locally, withdrawn), 5 000 § 4A vedtak and 3 000 serious incidents with their
follow-ups. Dated 2025-12-01 to 2026-11-30, in date order;
every line is an event fristvakt accepts. The same seed gives the same file.

Usage: realistic-mix.py [--cases N] [--seed S] [--uuids] > events.jsonl
"""
import argparse
import datetime
import random
import re
import sys
import uuid

FIRST = datetime.date(2025, 12, 1)
LAST = datetime.date(2026, 11, 30)
SPAN = (LAST - FIRST).days
DIGIT_RUN = re.compile(r"[0-9]{6}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--uuids", action="store_true")
    options = parser.parse_args()
    rng = random.Random(options.seed)
    names = random.Random(options.seed + 1)
    events = []  # (date ordinal, sequence, line)

    def ref(prefix, case, step):
        if options.uuids:
            # A random UUID can hold six digits in a row or more, which fristvakt may read as a
            # fødselsnummer and refuse (rightly: it cannot tell); such a UUID is drawn again.
            while True:
                text = str(uuid.UUID(int=names.getrandbits(128)))
                if not DIGIT_RUN.search(text.replace("-", "")):
                    return text
        return f"{prefix}{step}-{case}"

    def add(date, event_id, kind, case, unit, extra=""):
        if date > LAST:
            return False
        unit_field = f',"unit":"{unit}"' if unit else ""
        line = f'{{"id":"{event_id}","type":"{kind}","case":"{case}","date":"{date}"{unit_field}{extra}}}'
        events.append((date.toordinal(), len(events), line))
        return True

    def day(offset_from, low, high):
        return offset_from + datetime.timedelta(days=rng.randint(low, high))

    for index in range(options.cases):
        case = ref("H-", index, "") if options.uuids else f"H-{index}"
        unit = f"U{index % 40}"
        received = FIRST + datetime.timedelta(days=rng.randint(0, SPAN))
        group = ',"group":"under23-psych"' if rng.random() < 0.08 else ""
        add(received, ref("r", index, 0), "referral.received", case, unit, group)
        if rng.random() >= 0.779:
            if rng.random() < 0.014:
                add(day(received, 1, 30), ref("c", index, 9), "referral.closed", case, None, ',"reason":"withdrawn"')
            continue
        assessed = day(received, 1, 21)
        draw = rng.random()
        if draw >= 0.9:
            outcome = "no-right" if draw < 0.97 else "rejected"
            add(assessed, ref("a", index, 1), "referral.assessed", case, None, f',"outcome":"{outcome}"')
            continue
        frist = day(assessed, 20, 180)
        scheduled = f',"scheduled":"{day(assessed, 10, 200)}"' if rng.random() < 0.05 else ""
        if not add(assessed, ref("a", index, 1), "referral.assessed", case, None,
                   f',"outcome":"right","frist":"{frist}"{scheduled}'):
            continue
        at = assessed
        if rng.random() < 0.034:
            at = day(at, 1, 30)
            add(at, ref("s", index, 2), "referral.scheduled", case, None, f',"scheduled":"{day(at, 5, 120)}"')
        if rng.random() < 0.024:
            at = day(at, 1, 30)
            new_frist = f',"frist":"{day(at, 10, 120)}"' if rng.random() < 0.7 else ""
            reason = "patient" if rng.random() < 0.6 else "medical"
            add(at, ref("p", index, 3), "referral.postponed", case, None, f',"reason":"{reason}"{new_frist}')
        if rng.random() < 0.016:
            at = day(at, 0, 20)
            add(at, ref("h", index, 4), "referral.helfo-notified", case, None)
        if rng.random() < 0.04:
            at = day(at, 1, 90)
            substantive = rng.random() >= 0.15
            if add(at, ref("t", index, 5), "referral.started", case, None,
                   "" if substantive else ',"substantive":false') and not substantive and rng.random() < 0.6:
                add(day(at, 5, 60), ref("b", index, 6), "referral.treatment-started", case, None)
        elif rng.random() < 0.014:
            add(day(at, 1, 60), ref("c", index, 9), "referral.closed", case, None, ',"reason":"other"')

    def others(count, prefix, make):
        for index in range(count):
            case = ref(f"{prefix}-", index, "") if options.uuids else f"{prefix}-{index}"
            make(index, case, f"U{index % 40}", FIRST + datetime.timedelta(days=rng.randint(0, SPAN)))

    def complaint(index, case, unit, received):
        months = ',"target_months":4' if rng.random() < 0.05 else ""
        add(received, ref("k", index, 0), "complaint.received", case, unit, months)
        if rng.random() < 0.6:
            add(day(received, 10, 150), ref("d", index, 1), "complaint.decided", case, None)

    def vedtak(index, case, unit, made):
        add(made, ref("v", index, 0), "vedtak4a.made", case, unit)
        draw = rng.random()
        follow = {0: "vedtak4a.reviewed", 1: "vedtak4a.appealed", 2: "vedtak4a.ended"}.get(int(draw * 10) // 3)
        if follow:
            add(day(made, 10, 120), ref("w", index, 1), follow, case, None)

    def first_stop(index, case, unit, filed):
        # A complaint to the body that decided (klage-underinstans): a foreløpig svar now and
        # then, then forwarded to Statsforvalteren (and received, and mostly decided there),
        # resolved locally, withdrawn, or still open.
        add(filed, ref("f", index, 0), "complaint.filed", case, unit)
        at = filed
        if rng.random() < 0.15:
            at = day(filed, 15, 30)
            expected = day(at, 20, 40)
            if not add(at, ref("p", index, 1), "complaint.interim-reply", case, None, f',"expected":"{expected}"'):
                return
        draw = rng.random()
        if draw < 0.45:
            at = day(at, 5, 45)
            if add(at, ref("g", index, 2), "complaint.forwarded", case, None):
                at = day(at, 2, 9)
                if add(at, ref("k", index, 3), "complaint.received", case, None) and rng.random() < 0.6:
                    add(day(at, 30, 110), ref("d", index, 4), "complaint.decided", case, None)
        elif draw < 0.75:
            add(day(at, 5, 45), ref("l", index, 2), "complaint.resolved-locally", case, None)
        elif draw < 0.8:
            add(day(at, 5, 45), ref("x", index, 2), "complaint.withdrawn", case, None)

    def incident(index, case, unit, occurred):
        add(occurred, ref("i", index, 0), "incident.occurred", case, unit)
        if rng.random() < 0.8:
            add(day(occurred, 0, 20), ref("m", index, 1), "incident.meeting-offered", case, None)

    scale = options.cases / 1_000_000
    others(int(20_000 * scale), "K", complaint)
    others(int(5_000 * scale), "V", vedtak)
    others(int(3_000 * scale), "I", incident)
    # Drawn last, so the sets above are the same as without it.
    others(int(10_000 * scale), "U", first_stop)
    events.sort()
    out = sys.stdout
    for _, _, line in events:
        out.write(line)
        out.write("\n")


if __name__ == "__main__":
    main()
