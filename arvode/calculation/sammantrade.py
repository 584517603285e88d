"""2.2.1: sammanträdes- and förrättningsersättning, and the daily cap.

A sammanträde pays ½ sammanträdesersättning up to one hour and 1/1 over it;
protokolljustering ¼ förrättningsersättning; a KF partigruppmöte and every
other förrättning ⅛ per started hour. Whatever the number of events, fees per
official and day are at most one whole sammanträdesersättning.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs

from arvode.base.money import format_kr, times
from arvode.base.times import format_duration
from arvode.claims.claim import Event
from arvode.rules.catalogue import Kind
from arvode.rules.lookup import Lookup

__all__ = ["Fee", "cap_fee", "fee_for", "fraction_text"]


def fraction_text(share: Fraction) -> str:
    return f"{share.numerator}/{share.denominator}"


@attrs.frozen
class Fee:
    """A fee before the daily cap: its type, exact amount and arithmetic."""

    type: str
    amount: Decimal
    text: str


def _length(event: Event) -> str:
    minutes = event.minutes or 0
    spans = []
    if event.called is not None:
        spans.append(f"kallelse {event.called}")
    if event.attended is not None:
        spans.append(f"närvaro {event.attended}")
    basis = "kallelse" if event.called is not None and (
        event.attended is None or event.called.minutes >= event.attended.minutes
    ) else "tjänstgjord tid"
    return f"{', '.join(spans)}; ersätts för {format_duration(minutes)} ({basis}, 2.2)"


def fee_for(event: Event, kind: Kind, look: Lookup) -> Fee:
    """The fee of one event by its kind's scheme (2.2.1), exact and unrounded."""
    if kind.category == "sammantrade":
        line_type, base_name = "sammantradesersattning", "sammantradesersattning"
    else:
        line_type, base_name = "forrattningsersattning", "forrattningsersattning"
    base = look.amount(base_name)
    minutes = event.minutes or 0
    if kind.fee == "efter_langd":
        limit = look.amount("sammantrade.grans_timmar")
        short = Decimal(minutes) <= limit * 60
        share = look.share(
            "sammantrade.andel_upp_till_grans" if short else "sammantrade.andel_over_grans"
        )
        which = f"upp till {limit:f} timme" if short else f"över {limit:f} timme"
        amount = times(base, share)
        text = (
            f"{kind.name} ({_length(event)}), {which}: "
            f"{fraction_text(share)} × {format_kr(base)} = {format_kr(amount)}"
        )
    elif kind.fee == "fast_andel":
        assert kind.fee_share is not None
        share = look.share(kind.fee_share)
        amount = times(base, share)
        text = f"{kind.name}: {fraction_text(share)} × {format_kr(base)} = {format_kr(amount)}"
    elif kind.fee == "per_paborjad_timme":
        share = look.share("forrattning.andel_per_paborjad_timme")
        hours = -(-minutes // 60)
        amount = times(base, share * hours)
        text = (
            f"{kind.name} ({_length(event)}), {hours} påbörjade timmar: "
            f"{hours} × {fraction_text(share)} × {format_kr(base)} = {format_kr(amount)}"
        )
    else:
        amount = Decimal(0)
        text = f"{kind.name}: ingen sammanträdes- eller förrättningsersättning"
    return Fee(type=line_type, amount=amount, text=text)


def cap_fee(amount: Decimal, paid_today: Decimal, look: Lookup, elsewhere: str = "") -> tuple[Decimal, str | None]:
    """Apply the daily cap (2.2.1) given what the day's earlier events already got.

    ``elsewhere`` says which part of that came from other months' claims.
    """
    cap = times(look.amount("sammantradesersattning"), look.share("dagstak.andel"))
    room = max(cap - paid_today, Decimal(0))
    if amount <= room:
        return amount, None
    note = (
        f"dagstak 2.2.1: högst {format_kr(cap)} per dag, {format_kr(paid_today)} redan "
        f"ersatt denna dag{elsewhere}, betalas {format_kr(room)}"
    )
    return room, note
