"""Times of day in a claim: ``"13:00-16:10"``, within one calendar day."""

from __future__ import annotations

import datetime as dt
import math
import re

import attrs

__all__ = ["TimeSpan", "parse_span"]

_SPAN = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})\s*$")


@attrs.frozen(cache_hash=True)
class TimeSpan:
    """A start and end on the event's day; the end is after the start."""

    start: dt.time
    end_minutes: int  # minutes after midnight; 24:00 is 1440
    start_minutes: int

    @property
    def minutes(self) -> int:
        return self.end_minutes - self.start_minutes

    @property
    def started_hours(self) -> int:
        """Per påbörjad timme (2.2.1): 61 minutes is two started hours."""
        return self.started_hours_of(self.minutes)

    @staticmethod
    def started_hours_of(minutes: int) -> int:
        """Started hours of a length in minutes (a meeting paid for at least its kallelse, 2.2)."""
        return math.ceil(minutes / 60)

    def __str__(self) -> str:
        def hhmm(m: int) -> str:
            return f"{m // 60:02d}:{m % 60:02d}"

        return f"{hhmm(self.start_minutes)}–{hhmm(self.end_minutes)}"


def parse_span(text: str) -> TimeSpan:
    """Parse ``HH:MM-HH:MM``; raises ValueError with the reason."""
    match = _SPAN.match(text)
    if not match:
        raise ValueError(f"väntade en tid \"TT:MM-TT:MM\", t.ex. \"13:00-16:30\", fick {text!r}")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if h1 > 23 or m1 > 59 or m2 > 59 or h2 > 24 or (h2 == 24 and m2 != 0):
        raise ValueError(f"{text!r} är inga klockslag: timmar 00–23 (24:00 som sluttid) och minuter 00–59")
    start, end = h1 * 60 + m1, h2 * 60 + m2
    if end <= start:
        raise ValueError(f"sluttiden måste vara efter starttiden i {text!r}")
    return TimeSpan(start=dt.time(h1, m1), start_minutes=start, end_minutes=end)


def format_duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not rest:
        return f"{hours} h"
    return f"{hours} h {rest} min" if hours else f"{rest} min"
