#!/usr/bin/env python3
"""The peer of `fristvakt calendar add-working-days --stdin`, in numpy: read "DATE N" lines from
standard input, print the N-th Norwegian working day after DATE (DATE is day 0), one per line.

Working days: Monday to Friday except the public holidays of lov om helligdager og
helligdagsfred and lov 26. april 1947 nr. 1 (1 and 17 May from 1947 on), as fristvakt counts
them. The holiday table is built here, for 1900-2200, as part of the timed work.
"""
import sys
from datetime import date, timedelta

import numpy as np


def easter(year):
    # Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def holidays():
    days = []
    for year in range(1900, 2201):
        e = easter(year)
        days += [date(year, 1, 1), date(year, 12, 25), date(year, 12, 26)]
        days += [e + timedelta(n) for n in (-3, -2, 0, 1, 39, 49, 50)]
        if year >= 1947:
            days += [date(year, 5, 1), date(year, 5, 17)]
    return np.array(days, dtype="datetime64[D]")


def main():
    fields = sys.stdin.buffer.read().split()
    dates = np.array(fields[0::2]).astype("datetime64[D]")
    counts = np.array(fields[1::2]).astype(np.int64)
    calendar = np.busdaycalendar(weekmask="1111100", holidays=holidays())
    # roll="backward": a start on a closed day counts from the working day before it, so the
    # first working day after the start is day 1, as in fristvakt; day 0 is the start itself.
    result = np.busday_offset(dates, counts, roll="backward", busdaycal=calendar)
    result = np.where(counts == 0, dates, result)
    sys.stdout.write("\n".join(result.astype(str)))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
