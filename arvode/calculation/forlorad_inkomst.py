"""2.2.2 förlorad arbetsinkomst, with 3.2 a and 4.2 built on what it paid.

The loss is the proven amount, or proven hours × proven hourly wage, or — when
the loss is shown but not its amount — one day's compensation from the yearly
income (divisor a rules parameter, the text's formula being lost). It is capped
per event by the kind and length of the event and per day by one maxbelopp.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from arvode.base.money import format_kr, format_number, times
from arvode.calculation.sammantrade import fraction_text
from arvode.claims.claim import Event, Income
from arvode.rules.catalogue import Kind
from arvode.rules.lookup import Lookup

__all__ = ["Claimed", "claimed_loss", "loss_cap"]


@attrs.frozen
class Claimed:
    """The loss as claimed before caps, or why it cannot be valued."""

    amount: Decimal | None
    text: str
    refusal: str | None = None


def claimed_loss(event: Event, income: Income, look: Lookup, yearly_left_today: Decimal | None) -> Claimed:
    """Value the claimed loss; ``yearly_left_today`` is what remains of today's day-compensation."""
    lost = event.lost_income
    assert lost is not None
    if lost.amount is not None:
        return Claimed(lost.amount, f"styrkt belopp {format_kr(lost.amount)}")
    if lost.hours is not None:
        if income.hourly is not None:
            amount = lost.hours * income.hourly
            return Claimed(
                amount,
                f"{_hours(lost.hours)} × {format_kr(income.hourly)} (styrkt timlön) = {format_kr(amount)}",
            )
        if income.yearly is not None:
            days = look.integer("forlorad_arbetsinkomst.arsinkomst_delare_dagar")
            per_day = look.amount("forlorad_arbetsinkomst.timmar_per_dag")
            amount = lost.hours * income.yearly / days / per_day
            return Claimed(
                amount,
                f"{_hours(lost.hours)} × {format_kr(income.yearly)} / {days} dagar / "
                f"{per_day:f} h = {format_kr(amount)}",
            )
        return Claimed(None, "", "lost_income.hours needs official.income.hourly or .yearly")
    # unknown_amount: the loss is shown, not its size
    if income.yearly is None:
        return Claimed(None, "", "lost_income.unknown_amount needs official.income.yearly (2.2.2)")
    days = look.integer("forlorad_arbetsinkomst.arsinkomst_delare_dagar")
    per_day = income.yearly / days
    text = f"årsinkomst {format_kr(income.yearly)} / {days} = {format_kr(per_day)} per dag"
    assert yearly_left_today is not None
    if yearly_left_today < per_day:
        text += f", varav {format_kr(yearly_left_today)} kvar denna dag"
    return Claimed(min(per_day, yearly_left_today), text)


def _hours(hours: Decimal) -> str:
    return f"{format_number(hours)} h"


def loss_cap(event: Event, kind: Kind, look: Lookup) -> tuple[Decimal, str]:
    """The per-event cap of 2.2.2 by kind and length, exact, with its text."""
    maxbelopp = look.amount("maxbelopp")
    if kind.lost_income_cap == "efter_langd":
        limit = look.amount("sammantrade.grans_timmar")
        short = Decimal(event.minutes or 0) <= limit * 60
        name = (
            "forlorad_arbetsinkomst.andel_upp_till_grans"
            if short
            else "forlorad_arbetsinkomst.andel_over_grans"
        )
        which = f"upp till {limit:f} timme" if short else f"över {limit:f} timme"
        what = "sammanträde" if kind.category == "sammantrade" else "förrättning"
        label = f"{what} {which}"
    elif kind.lost_income_cap == "fast_andel":
        assert kind.lost_income_share is not None
        name, label = kind.lost_income_share, kind.name.lower()
    elif kind.lost_income_cap == "hel":
        name, label = "forlorad_arbetsinkomst.andel_hel", kind.name
    else:
        return Decimal(0), f"{kind.name}: ingen förlorad arbetsinkomst"
    share = look.share(name)
    cap = times(maxbelopp, share)
    return cap, f"tak {label}: {fraction_text(share)} × {format_kr(maxbelopp)} = {format_kr(cap)}"


def daily_loss_cap(look: Lookup) -> Decimal:
    return times(look.amount("maxbelopp"), look.share("forlorad_arbetsinkomst.dagstak_andel"))
