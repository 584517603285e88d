"""How current a rules set's amounts are: the latest omräkning (6.5) it holds.

KSAPU raises the amounts 6.5 lists once a year (the parameters marked
``omrakning``). A claim dated a year or more after the latest raise is priced
with amounts that are probably out of date (a 2026 claim with only 2025's
Bilaga 1), and nothing in the calculation says so: the older value is simply
still in force. These functions let a command warn without changing what is
computed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from dateutil.relativedelta import relativedelta

from arvode.rules.load import Rules

__all__ = ["beyond_omrakning", "latest_omrakning"]


def latest_omrakning(rules: Rules) -> dt.date | None:
    """The latest date from which an amount that 6.5 raises yearly has a value (None: no such amount)."""
    dates = [value.valid_from for parameter in rules.parameters.values() if parameter.omrakning is not None
             for value in parameter.values]
    return max(dates, default=None)


def beyond_omrakning(rules: Rules, days: Iterable[dt.date]) -> dt.date | None:
    """The earliest of ``days`` a year or more after the latest omräkning, or None.

    6.5's raise is yearly, so the amounts of the latest raise are current for a
    year from its date; a day after that lies beyond what the rules know.
    """
    latest = latest_omrakning(rules)
    if latest is None:
        return None
    stale_from = latest + relativedelta(years=1)
    beyond = [day for day in days if day >= stale_from]
    return min(beyond, default=None)
