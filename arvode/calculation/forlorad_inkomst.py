"""2.2.2 förlorad arbetsinkomst, with 3.2 a and 4.2 built on what it paid.

The loss is the proven amount, or proven hours × proven hourly wage, or — when
the loss is shown but not its amount — one day's compensation from the yearly
income (divisor a rules parameter, the text's formula being lost). It is capped
per event by the kind and length of the event and per official and day by one
maxbelopp, across all of the official's claims (``LossDay``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from arvode.base.money import format_kr, format_number, times
from arvode.calculation.lines import Text, explain
from arvode.calculation.sammantrade import elsewhere, hours_text, paid_minutes, priced
from arvode.claims.claim import Event, Income
from arvode.rules.catalogue import Kind
from arvode.rules.compiled import Version, once
from arvode.rules.modeller import CapScheme
from arvode.rules.params import DatedValue, traced

__all__ = ["Cap", "Claimed", "LossDay", "claimed_loss", "loss_cap", "price_cap"]


@attrs.frozen
class Claimed:
    """The loss as claimed before caps, or why it cannot be valued."""

    amount: Decimal | None
    text: Text
    values: tuple[DatedValue[Any], ...] = ()
    refusal: str | None = None


def _hours(hours: Decimal) -> str:
    return f"{format_number(hours)} h"


def claimed_loss(event: Event, income: Income, version: Version, yearly_left_today: Decimal | None) -> Claimed:
    """Value the claimed loss; ``yearly_left_today`` is what remains of today's day-compensation."""
    t = version.on(event.date)
    lost = event.lost_income
    assert lost is not None
    if lost.amount is not None:
        return Claimed(lost.amount, explain("styrkt belopp {0:kr}", lost.amount))
    if lost.hours is not None:
        if income.hourly is not None:
            amount = lost.hours * income.hourly
            return Claimed(amount, explain("{0} × {1:kr} (styrkt timlön) = {2:kr}", _hours(lost.hours),
                                           income.hourly, amount))
        if income.yearly is not None:
            days, per_day = t.forlorad_arbetsinkomst_arsinkomst_delare_dagar, t.forlorad_arbetsinkomst_timmar_per_dag
            amount = lost.hours * income.yearly / days.value / per_day.value
            return Claimed(amount, explain("{0} × {1:kr} / {2} dagar / {3:f} h = {4:kr}", _hours(lost.hours),
                                           income.yearly, days.value, per_day.value, amount), (days, per_day))
        return Claimed(None, "", (), "lost_income.hours behöver official.income.hourly eller .yearly")
    # unknown_amount: the loss is shown, not its size
    if income.yearly is None:
        return Claimed(None, "", (), "lost_income.unknown_amount behöver official.income.yearly (2.2.2)")
    divisor = t.forlorad_arbetsinkomst_arsinkomst_delare_dagar
    day_pay = income.yearly / divisor.value
    assert yearly_left_today is not None
    if yearly_left_today < day_pay:
        return Claimed(yearly_left_today, explain(
            "årsinkomst {0:kr} / {1} = {2:kr} per dag, varav {3:kr} kvar denna dag",
            income.yearly, divisor.value, day_pay, yearly_left_today), (divisor,))
    return Claimed(day_pay, explain("årsinkomst {0:kr} / {1} = {2:kr} per dag", income.yearly, divisor.value,
                                    day_pay), (divisor,))


@attrs.frozen
class Cap:
    """The per-event cap of 2.2.2 by the kind's scheme, exact, with its text and values (None: no such cap)."""

    amount: Decimal | None
    text: str
    values: tuple[DatedValue[Any], ...]


def _lower_first(name: str) -> str:
    """A kind's name inside a sentence: "protokolljustering", but "KF partigruppmöte" as written."""
    first = name.split(" ", 1)[0]
    return name if first.isupper() else name[:1].lower() + name[1:]


def loss_cap(event: Event, kind: Kind, scheme: CapScheme, version: Version) -> Cap:
    """The per-event cap of 2.2.2 by the kind's cap scheme, exact, with its text."""
    t = version.on(event.date)
    if scheme.unit == "ingen":
        return Cap(Decimal(0), f"{kind.name}: ingen förlorad arbetsinkomst", ())
    if scheme.unit == "fast":
        assert scheme.amount is not None
        fixed = priced(scheme.amount, version)
        label = _lower_first(kind.name)
        return Cap(fixed.amount, f"tak {label}: {fixed.text}", fixed.values)
    minutes = paid_minutes(event, t.motestid.value) or 0
    if scheme.unit == "per_timme":
        assert scheme.amount is not None
        rate = priced(scheme.amount, version)
        lost = event.lost_income
        hours = lost.hours if lost is not None and lost.hours is not None else (
            Decimal(minutes) / 60 if event.minutes is not None else None)
        if hours is None:
            return Cap(None, "", rate.values)
        amount = hours * rate.amount
        derivation = f"; {rate.derivation}" if rate.derivation else ""
        return Cap(amount, f"tak {format_number(hours)} h × {format_kr(rate.amount)} = {format_kr(amount)}"
                           f"{derivation}", rate.values)
    assert scheme.limit_hours is not None
    assert scheme.up_to is not None
    assert scheme.over is not None
    limit = version.get(scheme.limit_hours)
    short = Decimal(minutes) <= limit.value * 60
    chosen = priced(scheme.up_to if short else scheme.over, version)
    which = f"upp till {hours_text(limit.value)}" if short else f"över {hours_text(limit.value)}"
    what = "sammanträde" if kind.category == "sammantrade" else "förrättning"
    values = (*traced(chosen.base), limit, *(() if chosen.share is None else (chosen.share,)))
    return Cap(chosen.amount, f"tak {what} {which}: {chosen.text}", values)


def price_cap(event: Event, kind: Kind, scheme: CapScheme, version: Version, memo: dict[Any, Any]) -> Cap:
    """``loss_cap``, once per scheme, kind, length and rules version."""
    if scheme.unit == "per_timme":
        return loss_cap(event, kind, scheme, version)
    key = ("loss_cap", version.number, scheme.key, kind.key, event.called, event.attended)
    return once(memo, key, lambda: loss_cap(event, kind, scheme, version))


@attrs.define
class LossDay:
    """What one official's lost income of one day came to, by the claim's period (2.2.2)."""

    paid: dict[str, Decimal] = attrs.Factory(dict)
    #: What is left of the day's compensation from a yearly income (unknown_amount).
    yearly_pool: Decimal | None = None
    total: Decimal = Decimal(0)

    def pay(self, claimed: Claimed, cap: Cap, version: Version, period: str,
            ) -> tuple[Decimal, Text, tuple[DatedValue[Any], ...]]:
        """The loss after the event's cap and the day's maxbelopp, its explanation and values."""
        assert claimed.amount is not None
        day_cap, share = _day_cap(version)
        already = self.total
        room = max(day_cap - already, Decimal(0))
        event_cap = claimed.amount if cap.amount is None else cap.amount
        amount = min(claimed.amount, event_cap, room)
        values = (*claimed.values, *(v for v in cap.values if v not in claimed.values), share) \
            if claimed.values else (*cap.values, share)
        capped = f"{cap.text}; " if cap.text else ""
        if room < min(claimed.amount, event_cap):
            text = explain("Förlorad arbetsinkomst: {0}; {1}dagstak {2}: högst {3:kr} per dag, {4:kr} redan "
                           "ersatt denna dag{5}; betalas {6:kr}", claimed.text, capped, share.section, day_cap,
                           already, elsewhere(self.paid, period), amount)
        else:
            text = explain("Förlorad arbetsinkomst: {0}; {1}betalas {2:kr}", claimed.text, capped, amount)
        return amount, text, values

    def add(self, period: str, amount: Decimal) -> None:
        self.paid[period] = self.paid.get(period, Decimal(0)) + amount
        self.total += amount


def _day_cap(version: Version) -> tuple[Decimal, DatedValue[Any]]:
    """2.2.2's maxbelopp per day in a version (once per version)."""
    found: tuple[Decimal, DatedValue[Any]] | None = version.memo.get("loss_day_cap")
    if found is None:
        t = version.table
        assert t is not None
        share = t.forlorad_arbetsinkomst_dagstak_andel
        found = version.memo["loss_day_cap"] = (times(t.maxbelopp.value, share.value), share)
    return found
