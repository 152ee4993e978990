"""A time-limited partnership runs long enough for change to show.

Applies when the agreement gives both `effective_date` and `end_date`. Advises when they are less than three
years apart.

Why:
Partnerships are slow to build, and the changes they aim at seldom show results in under three years and
often need five; a shorter term risks ending before anyone can tell whether it worked (briefing:
Resources > Time).

Fails:
    agreement:
      title: Northvale Falls Pilot
      effective_date: 2026-04-01
      end_date: 2027-03-31

Passes:
    agreement:
      title: Northvale Falls Pilot
      effective_date: 2026-04-01
      end_date: 2030-03-31

Fix:
Set an `end_date` at least three years after the `effective_date`, or plan how the work continues beyond it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from ..findings import Severity
from ..model import Agreement
from .base import Issue

ID = "AB222"
NAME = "time-horizon"
SEVERITY = Severity.ADVICE
SOURCE = "Resources > Time"

MIN_YEARS = 3


def _dates(agreement: Agreement) -> tuple[date, date] | None:
    try:
        return (date.fromisoformat(agreement.meta.text("effective_date")),
                date.fromisoformat(agreement.meta.text("end_date")))
    except ValueError:
        return None


def _ymd(day: date) -> tuple[int, int, int]:
    return day.year, day.month, day.day


def applies(agreement: Agreement) -> bool:
    return _dates(agreement) is not None


def check(agreement: Agreement) -> Iterator[Issue]:
    dates = _dates(agreement)
    if dates is None:
        return
    start, end = dates
    if end < date.max and _ymd(end + timedelta(days=1)) < (start.year + MIN_YEARS, start.month, start.day):
        yield Issue(agreement.meta.at("end_date"), f"The partnership runs for less than {MIN_YEARS} years: change of "
                    "this kind usually takes three to five years to show.",
                    hint="consider a later `agreement.end_date`")
