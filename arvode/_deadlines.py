"""6.1 / 6.2: what is reported more than six months after the day is refused.

Förlorad semesterförmån (3.2) has two years (6.2). Both limits are rules
parameters in months; the claim's ``reported`` date counts.
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta

from ._lookup import Lookup

__all__ = ["late_reason"]


def late_reason(day: dt.date, reported: dt.date, look: Lookup, *, vacation: bool = False) -> str | None:
    """Why a claim for ``day`` reported on ``reported`` is too late, or None."""
    name = "rapportering.semester_manader" if vacation else "rapportering.manader"
    months = look.integer(name)
    last = day + relativedelta(months=months)
    if reported <= last:
        return None
    return (
        f"reported {reported.isoformat()}, more than {months} months after {day.isoformat()} "
        f"(last day {last.isoformat()})"
    )
