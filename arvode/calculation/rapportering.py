"""6.1 / 6.2: what is reported more than six months after the day is refused.

Förlorad semesterförmån (3.2) has two years (6.2). Both limits are rules
parameters in months; the claim's ``reported`` date counts.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from arvode.rules.declaration import ParameterTable

__all__ = ["late_reason"]


def late_reason(day: dt.date, reported: dt.date, table: ParameterTable, *, vacation: bool = False) -> str | None:
    """Why a claim for ``day`` reported on ``reported`` is too late, or None.

    A rules set without a deadline (its sources give none) checks none: nothing is
    refused for lateness there.
    """
    limit = table.rapportering_semester_manader if vacation else table.rapportering_manader
    if not limit.given:
        return None
    months = limit.value
    last = _last_day(day, months)
    if reported <= last:
        return None
    return (
        f"rapporterad {reported.isoformat()}, mer än {months} månader efter {day.isoformat()} "
        f"(sista dag {last.isoformat()})"
    )


@lru_cache(maxsize=4096)
def _last_day(day: dt.date, months: int) -> dt.date:
    """Day + months, calendar-aware (31 Aug + 6 months is 28/29 Feb); a payroll month
    repeats few days, and relativedelta is the slow part of pricing an event."""
    return day + relativedelta(months=months)
