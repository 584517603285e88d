"""2.1–2.2.1: sammanträdes- and förrättningsersättning, and the daily cap.

A sammanträde pays ½ sammanträdesersättning up to one hour and 1/1 over it;
protokolljustering ¼ förrättningsersättning; a KF partigruppmöte and every
other förrättning ⅛ per started hour. Whatever the number of events, fees per
official and day are at most one whole sammanträdesersättning (the daily cap),
across all of the official's claims: ``FeeDay`` holds what a day has paid.

A fee depends only on the kind, the kallelse and attendance times and the
rules version, so it is priced once per such combination (``price``) and the
same meeting in a thousand claims costs one calculation.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from arvode.base.money import format_kr, times
from arvode.base.times import TimeSpan, format_duration
from arvode.calculation.lines import Text, explain
from arvode.claims.claim import Event
from arvode.rules.catalogue import Kind
from arvode.rules.compiled import Version
from arvode.rules.params import DatedValue

__all__ = ["Fee", "FeeDay", "fee_for", "fee_type", "fraction_text", "price"]


def fraction_text(share: Fraction) -> str:
    return f"{share.numerator}/{share.denominator}"


def fee_type(kind: Kind) -> str:
    """The line type of a kind's fee: sammanträden (2.1.1) or förrättningar (2.1.2)."""
    return "sammantradesersattning" if kind.category == "sammantrade" else "forrattningsersattning"


@attrs.frozen
class Fee:
    """A fee before the daily cap: its type, exact amount, arithmetic and the values used."""

    type: str
    amount: Decimal
    text: str
    values: tuple[DatedValue[Any], ...]


def length_text(called: TimeSpan | None, attended: TimeSpan | None, minutes: int) -> str:
    """How long a meeting is paid for and why (2.2: at least the kallelse)."""
    spans = []
    if called is not None:
        spans.append(f"kallelse {called}")
    if attended is not None:
        spans.append(f"närvaro {attended}")
    basis = "kallelse" if called is not None and (
        attended is None or called.minutes >= attended.minutes
    ) else "tjänstgjord tid"
    return f"{', '.join(spans)}; ersätts för {format_duration(minutes)} ({basis}, 2.2)"


def fee_for(event: Event, kind: Kind, version: Version) -> Fee:
    """The fee of one event by its kind's scheme (2.2.1), exact and unrounded."""
    t = version.on(event.date)
    line_type = fee_type(kind)
    base = t.sammantradesersattning if line_type == "sammantradesersattning" else t.forrattningsersattning
    minutes = event.minutes or 0
    if kind.fee == "efter_langd":
        limit = t.sammantrade_grans_timmar
        short = Decimal(minutes) <= limit.value * 60
        share = t.sammantrade_andel_upp_till_grans if short else t.sammantrade_andel_over_grans
        which = f"upp till {limit.value:f} timme" if short else f"över {limit.value:f} timme"
        amount = times(base.value, share.value)
        text = (
            f"{kind.name} ({length_text(event.called, event.attended, minutes)}), {which}: "
            f"{fraction_text(share.value)} × {format_kr(base.value)} = {format_kr(amount)}"
        )
        return Fee(line_type, amount, text, (base, limit, share))
    if kind.fee == "fast_andel":
        assert kind.fee_share is not None
        fixed: DatedValue[Fraction] = version.extra[kind.fee_share]
        amount = times(base.value, fixed.value)
        text = f"{kind.name}: {fraction_text(fixed.value)} × {format_kr(base.value)} = {format_kr(amount)}"
        return Fee(line_type, amount, text, (base, fixed))
    if kind.fee == "per_paborjad_timme":
        per_hour = t.forrattning_andel_per_paborjad_timme
        hours = TimeSpan.started_hours_of(minutes)
        amount = times(base.value, per_hour.value * hours)
        text = (
            f"{kind.name} ({length_text(event.called, event.attended, minutes)}), {hours} påbörjade timmar: "
            f"{hours} × {fraction_text(per_hour.value)} × {format_kr(base.value)} = {format_kr(amount)}"
        )
        return Fee(line_type, amount, text, (base, per_hour))
    return Fee(line_type, Decimal(0), f"{kind.name}: ingen sammanträdes- eller förrättningsersättning", (base,))


def price(event: Event, kind: Kind, version: Version, memo: dict[Any, Any]) -> Fee:
    """``fee_for``, once per kind, times and rules version."""
    key = ("fee", version.number, kind.key, event.called, event.attended)
    fee: Fee | None = memo.get(key)
    if fee is None:
        fee = memo[key] = fee_for(event, kind, version)
    return fee


@attrs.define
class FeeDay:
    """What one official's fees of one day came to, by the period of the claim that paid them (2.2.1)."""

    paid: dict[str, Decimal] = attrs.Factory(dict)
    total: Decimal = Decimal(0)

    def elsewhere(self, period: str) -> str:
        """The part paid in other months' claims, for the line that the cap reduced."""
        return elsewhere(self.paid, period)

    def cap(self, fee: Fee, version: Version, period: str) -> tuple[Decimal, Text, tuple[DatedValue[Any], ...]]:
        """The fee after the daily cap, its explanation and the values used (the cap's added)."""
        cap, values = _day_cap(fee, version)
        room = cap - self.total
        if fee.amount <= room:
            return fee.amount, fee.text, values
        room = max(room, Decimal(0))
        return room, explain(
            "{0}; dagstak 2.2.1: högst {1:kr} per dag, {2:kr} redan ersatt denna dag{3}, betalas {4:kr}",
            fee.text, cap, self.total, self.elsewhere(period), room), values

    def add(self, period: str, amount: Decimal) -> None:
        self.paid[period] = self.paid.get(period, Decimal(0)) + amount
        self.total += amount


def _day_cap(fee: Fee, version: Version) -> tuple[Decimal, tuple[DatedValue[Any], ...]]:
    """The daily cap of 2.2.1 in a version, and the values a capped fee line traces (once per fee)."""
    key = ("day_cap", fee.values)
    found: tuple[Decimal, tuple[DatedValue[Any], ...]] | None = version.memo.get(key)
    if found is None:
        t = version.table
        assert t is not None
        base, share = t.sammantradesersattning, t.dagstak_andel
        values = fee.values if base in fee.values else (*fee.values, base)
        found = version.memo[key] = (times(base.value, share.value), (*values, share))
    return found


def elsewhere(paid: dict[str, Decimal], period: str) -> str:
    """"(varav … i rapporten för …)": what other months' claims paid of a day (a late event's cap)."""
    other = [(p, a) for p, a in sorted(paid.items()) if p != period and a]
    if not other:
        return ""
    return " (varav " + ", ".join(f"{format_kr(a)} i rapporten för {p}" for p, a in other) + ")"
