"""Section 5 costs and 3.2 b lost vacation days of one event.

Not yet priced: each claimed cost is refused with "not yet supported" and its
section, never dropped (issue 4 prices them).
"""

from __future__ import annotations

from decimal import Decimal

from ._claim import Event, Official
from ._result import Line, Rejection
from ._rules import Rules

__all__ = ["price_costs"]


def price_costs(
    event: Event, official: Official, rules: Rules, lost_income_paid: Decimal
) -> tuple[list[Line], list[Rejection]]:
    """Lines and refusals for the costs claimed with ``event``.

    ``lost_income_paid`` is what the event paid as förlorad arbetsinkomst, since
    5.2/5.3 never pay for time that is also paid as lost income.
    """
    del official, rules, lost_income_paid
    pending = []
    if event.travel is not None:
        pending.append(("5.1", "resekostnader och färdtid"))
    if event.childcare_hours:
        pending.append(("5.2", "barntillsyn"))
    if event.care_hours:
        pending.append(("5.3", "vård och tillsyn"))
    if event.disability_costs:
        pending.append(("5.4", "kostnader vid funktionsnedsättning"))
    if event.lost_vacation_days:
        pending.append(("3.2 b", "förlorad semesterdag"))
    refusals = [
        Rejection(event.index, rule, f"not yet supported: {what} ({rule}) is computed from a later release", event.date)
        for rule, what in pending
    ]
    return [], refusals
