"""Payroll months (``YYYY-MM``): one parser, one value type.

A claim, a payroll run, a repayment plan and a year statement all speak of
months; they used to parse them six ways. Years are bounded so that no month
arithmetic (the day after the last day, six months later) can leave the
calendar: a year outside ``MIN_YEAR``–``MAX_YEAR`` is refused on entry, never
a traceback later.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

import attrs

__all__ = ["MAX_YEAR", "MIN_YEAR", "Period", "check_year", "parse_day", "parse_period"]

#: Years a date or month may have. The rules cover far less; this only keeps
#: calendar arithmetic (e.g. 6.2's two years after a day) inside ``datetime``.
MIN_YEAR = 1900
MAX_YEAR = 2200

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def check_year(year: int) -> None:
    """Raise ValueError for a year outside what arvode can compute with."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"år {year} ligger utanför {MIN_YEAR}–{MAX_YEAR}")


@attrs.frozen(order=True)
class Period:
    """One calendar month; ``str(period)`` is ``YYYY-MM``, as the claim contract writes it."""

    year: int
    month: int

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def days(self) -> int:
        return calendar.monthrange(self.year, self.month)[1]

    @property
    def index(self) -> int:
        """Months since year 0: the distance between two periods is a subtraction."""
        return self.year * 12 + self.month - 1

    def shifted(self, months: int) -> Period:
        index = self.index + months
        return Period(index // 12, index % 12 + 1)

    @classmethod
    def of(cls, day: dt.date) -> Period:
        return cls(day.year, day.month)


def parse_period(text: str) -> Period:
    """``YYYY-MM`` (surrounding space allowed) or ValueError with the reason."""
    match = _MONTH.match(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"väntade en månad ÅÅÅÅ-MM, t.ex. 2025-03, fick {text!r}")
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise ValueError(f"väntade en månad ÅÅÅÅ-MM, t.ex. 2025-03, fick {text!r}")
    check_year(year)
    return Period(year, month)


_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def parse_day(text: str) -> dt.date:
    """``YYYY-MM-DD`` or ValueError in Swedish: the CLI and the web share one reading of a date.

    ``date.fromisoformat``'s own reasons ("month must be in 1..12") are English; a day that
    has the right shape but is not in the calendar says so.
    """
    shown = text.strip() if isinstance(text, str) else text
    match = _DAY.fullmatch(shown) if isinstance(shown, str) else None
    if match is None:
        raise ValueError(f"väntade ett datum ÅÅÅÅ-MM-DD, t.ex. 2025-03-12, fick {text!r}")
    year, month, day = (int(part) for part in match.groups())
    check_year(year)
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValueError(f"{shown} finns inte i kalendern")
    return dt.date(year, month, day)
