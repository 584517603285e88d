"""6.4 recovery of an overpayment: at once, or split over at most four months.

The deductions must add up to the debt to the öre. Each month takes the debt
divided by the number of months, rounded down to whole öre; the öre this
leaves are added one each to the first months, so no two months differ by
more than one öre and the first ones carry the remainder (1 000,00 kr over 3
months: 333,34 + 333,33 + 333,33). The most months is a rules parameter
(``aterbetalning.hogst_manader``).
"""

from __future__ import annotations

import datetime as dt
import decimal
from decimal import Decimal
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta

from arvode.base.errors import ClaimError
from arvode.base.money import ORE, format_json, format_kr, round_money
from arvode.rules.load import Rules
from arvode.rules.lookup import Lookup
from arvode.rules.params import DatedValue

__all__ = ["RecoveryPlan", "recovery_parts", "recovery_plan", "render_recovery"]


@attrs.frozen
class RecoveryPlan:
    """Monthly deductions that repay ``amount`` exactly (6.4)."""

    amount: Decimal
    parts: tuple[Decimal, ...]
    months: tuple[str | None, ...]
    text: str
    values: tuple[DatedValue[Any], ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "amount": format_json(self.amount),
            "rule": "6.4",
            "deductions": [
                {"month": m, "amount": format_json(p)} if m is not None
                else {"number": i + 1, "amount": format_json(p)}
                for i, (m, p) in enumerate(zip(self.months, self.parts, strict=True))
            ],
            "text": self.text,
            "values": [v.as_json() for v in self.values],
        }


def recovery_parts(
    amount: Decimal, look: Lookup, months: int | None = None
) -> tuple[tuple[Decimal, ...], str]:
    """Monthly deductions repaying ``amount`` exactly (6.4), and the arithmetic as text.

    ``months`` defaults to the most the rules allow (``aterbetalning.hogst_manader``),
    fewer when the amount has fewer öre than that, so no month deducts 0,00.
    """
    most = look.integer("aterbetalning.hogst_manader")
    if amount <= 0:
        raise ClaimError(f"skulden måste vara större än 0, inte {amount}")
    if amount % ORE:
        raise ClaimError(f"skulden måste vara i hela öre, inte {amount}")
    in_ore = int(amount / ORE)
    if months is None:
        months = min(most, in_ore)
    if not 1 <= months <= most:
        raise ClaimError(
            f"en överbetalning betalas tillbaka direkt eller under högst {most} månader (6.4), "
            f"inte {months}"
        )
    if in_ore < months:
        raise ClaimError(
            f"{format_kr(amount)} kan inte delas på {months} månader utan att en månad blir 0,00 kr"
        )
    # Rounding down is not a policy here: the öre it leaves are added back below.
    base = round_money(amount / months, decimal.ROUND_DOWN)
    left = int((amount - base * months) / ORE)
    parts = tuple(base + ORE if i < left else base for i in range(months))
    if months == 1:
        return parts, f"{format_kr(amount)} regleras direkt (6.4)"
    spread = f"{months} × {format_kr(base)}"
    if left == 1:
        spread += " + 1 öre på första månaden"
    elif left:
        spread += f" + 1 öre på var och en av de {left} första månaderna"
    text = (
        f"{format_kr(amount)} delas upp på {months} månader (6.4, högst {most}): "
        f"{format_kr(amount)} / {months} = {format_kr(base)} avrundat nedåt till öre; "
        f"{spread} = {format_kr(sum(parts, Decimal(0)))}"
    )
    return parts, text


def recovery_plan(
    amount: Decimal, months: int, rules: Rules, day: dt.date, first: dt.date | None = None
) -> RecoveryPlan:
    """Split ``amount`` over ``months`` monthly deductions (6.4), from month ``first``.

    ``day`` chooses the rules in force (the most months allowed).
    """
    look = Lookup(rules, day)
    parts, text = recovery_parts(amount, look, months)
    labels: tuple[str | None, ...] = tuple(
        (first + relativedelta(months=i)).strftime("%Y-%m") if first is not None else None
        for i in range(months)
    )
    return RecoveryPlan(amount, parts, labels, f"Skulden {text}", look.used)


def render_recovery(plan: RecoveryPlan) -> str:
    out = [plan.text, ""]
    for i, (month, part) in enumerate(zip(plan.months, plan.parts, strict=True)):
        label = month if month is not None else f"månad {i + 1}"
        out.append(f"  {label:<10} {format_kr(part):>16}")
    out.append(f"  {'summa':<10} {format_kr(sum(plan.parts, Decimal(0))):>16}")
    return "\n".join(out)
