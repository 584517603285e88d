"""2.1–2.2.1: sammanträdes- and förrättningsersättning by the kind's scheme, and the daily cap.

The scheme is rules data (``rules.modeller``): in the default set a sammanträde pays ½
sammanträdesersättning up to one hour and 1/1 over it, protokolljustering ¼
förrättningsersättning, a KF partigruppmöte and every other förrättning ⅛ per
started hour; other municipalities pay half and whole days, a first hour and
started half hours, a flat fee for KF. Several fee-bearing events on one day
are paid under the rule ``flera_sammantraden_samma_dag`` (the default set: at most one
whole sammanträdesersättning, the daily cap, across all of the official's
claims: ``FeeDay`` holds what a day has paid); a set that does not say how is
refused the second event, naming the rule.

A fee depends only on the scheme, kind, kallelse and attendance times and the
rules version, so it is priced once per such combination (``price``) and the
same meeting in a thousand claims costs one calculation.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from arvode.base.errors import MissingAmountError
from arvode.base.money import format_kr, times
from arvode.base.times import TimeSpan, format_duration
from arvode.calculation.lines import Text, explain
from arvode.claims.claim import Event
from arvode.rules.belopp import Amount
from arvode.rules.catalogue import Kind
from arvode.rules.compiled import Version, once
from arvode.rules.modeller import PER, FeeScheme
from arvode.rules.params import DatedValue, as_fraction, traced

__all__ = [
    "Fee", "FeeDay", "Priced", "fee_for", "fee_type", "fraction_text", "hours_text", "paid_minutes", "price", "priced",
]


def paid_as_serving(event: Event, specially_called: DatedValue[str]) -> bool:
    """2.1.1: a substitute specially called is paid as one serving where the rules say so.

    A set whose sources say nothing of substitutes called specially leaves
    ``sarskilt_kallad`` out: reading it refuses the claim with that name, instead of
    paying such a substitute by another municipality's rule.
    """
    if event.serving:
        return True
    return event.specially_called and specially_called.value == "som_tjanstgorande"


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


def paid_minutes(event: Event, basis: str) -> int | None:
    """How long a meeting is paid for: at least the kallelse (``kallelse_minst``), or the time attended."""
    if basis == "narvaro" and event.attended is not None:
        return event.attended.minutes
    return event.minutes


def length_text(called: TimeSpan | None, attended: TimeSpan | None, minutes: int,
                basis_rule: DatedValue[Any] | None = None) -> str:
    """How long a meeting is paid for and why (2.2: at least the kallelse, or the time attended)."""
    spans = []
    if called is not None:
        spans.append(f"kallelse {called}")
    if attended is not None:
        spans.append(f"närvaro {attended}")
    narvaro = basis_rule is not None and basis_rule.value == "narvaro"
    if narvaro:
        basis = "närvaro" if attended is not None else "kallelse"
    else:
        basis = "kallelse" if called is not None and (
            attended is None or called.minutes >= attended.minutes
        ) else "tjänstgjord tid"
    section = basis_rule.section if basis_rule is not None else ""
    return f"{', '.join(spans)}; ersätts för {format_duration(minutes)} ({basis}, {section})"


def hours_text(hours: Decimal) -> str:
    return f"{hours:f} timme" if hours == 1 else f"{hours:f} timmar"


@attrs.frozen
class Priced:
    """An amount a scheme names, on one rules version: its value, how it reads, the values used."""

    amount: Decimal
    #: "1/2 × 1 173,00 kr" (a share) or "657,00 kr" (a parameter).
    factor: str
    #: The arithmetic of a computed parameter ("halvdag: 0,9 % × riksdagsarvode …"), or "".
    derivation: str
    base: DatedValue[Any]
    share: DatedValue[Any] | None

    @property
    def text(self) -> str:
        """"1/2 × 1 173,00 kr = 586,50 kr"; a parameter's own arithmetic when it is computed."""
        if self.share is None:
            if self.derivation:
                return self.derivation
            return self.factor
        return f"{self.factor} = {format_kr(self.amount)}"

    @property
    def values(self) -> tuple[DatedValue[Any], ...]:
        return (*traced(self.base), *(() if self.share is None else (self.share,)))


def priced(amount: Amount, version: Version) -> Priced:
    """``amount`` on ``version``: reading a value the set does not give refuses the claim, naming it."""
    base = version.get(amount.of)
    value = base.value
    if amount.share is None:
        derivation = f"{version.label(base.name)}: {base.derivation}" if base.derivation else ""
        return Priced(value, format_kr(value), derivation, base, None)
    share = version.get(amount.share)
    fraction = as_fraction(share.value)
    derivation = f"{version.label(base.name)}: {base.derivation}" if base.derivation else ""
    return Priced(times(value, fraction), f"{fraction_text(fraction)} × {format_kr(value)}", derivation, base, share)


def _with_derivations(text: str, *amounts: Priced) -> str:
    """The line's text, and the arithmetic of each computed amount it used (once each)."""
    extra = []
    for amount in amounts:
        if amount.derivation and amount.share is not None and amount.derivation not in extra:
            extra.append(amount.derivation)
    return "; ".join([text, *extra])


def fee_for(event: Event, kind: Kind, scheme: FeeScheme, version: Version) -> Fee:
    """The fee of one event by its scheme (2.2.1), exact and unrounded."""
    t = version.on(event.date)
    line_type = fee_type(kind)
    if scheme.unit == "ingen":
        return Fee(line_type, Decimal(0), f"{kind.name}: ingen sammanträdes- eller förrättningsersättning", ())
    if scheme.unit == "fast":
        assert scheme.amount is not None
        fixed = priced(scheme.amount, version)
        return Fee(line_type, fixed.amount, _with_derivations(f"{kind.name}: {fixed.text}", fixed), fixed.values)
    basis = t.motestid
    minutes = paid_minutes(event, basis.value) or 0
    length = length_text(event.called, event.attended, minutes, basis)
    if scheme.unit == "langd":
        assert scheme.limit_hours is not None
        assert scheme.up_to is not None
        assert scheme.over is not None
        limit = version.get(scheme.limit_hours)
        short = Decimal(minutes) <= limit.value * 60
        chosen = priced(scheme.up_to if short else scheme.over, version)
        which = f"upp till {hours_text(limit.value)}" if short else f"över {hours_text(limit.value)}"
        text = _with_derivations(f"{kind.name} ({length}), {which}: {chosen.text}", chosen)
        values = (*traced(chosen.base), limit, *(() if chosen.share is None else (chosen.share,)))
        return Fee(line_type, chosen.amount, text, values)
    assert scheme.unit == "timmar"
    assert scheme.amount is not None
    unit = priced(scheme.amount, version)
    per = PER[scheme.per]
    words = ("påbörjad timme", "påbörjade timmar") if scheme.per == "timme" else (
        "påbörjad halvtimme", "påbörjade halvtimmar")
    counted = minutes
    capped = ""
    most_value: tuple[DatedValue[Any], ...] = ()
    if scheme.max_hours is not None:
        most = version.get(scheme.max_hours)
        most_value = (most,)
        if minutes > most.value * 60:
            counted = int(most.value * 60)
            capped = f", högst {hours_text(most.value)} räknas"
    if scheme.first_hour is None:
        units = math.ceil(counted / per)
        amount = times(unit.amount, units) if unit.share is None else times(unit.base.value, as_fraction(
            unit.share.value) * units)
        text = (f"{kind.name} ({length}){capped}, {units} {words[units != 1]}: {units} × {unit.factor} = "
                f"{format_kr(amount)}")
        return Fee(line_type, amount, _with_derivations(text, unit), (*unit.values, *most_value))
    first = priced(scheme.first_hour, version)
    units = math.ceil(max(counted - 60, 0) / per)
    amount = first.amount + times(unit.amount, units)
    text = f"{kind.name} ({length}){capped}, första timmen {format_kr(first.amount)}"
    if units:
        text += f" + {units} {words[units != 1]} × {unit.factor} = {format_kr(amount)}"
    extra = [a.derivation for a in (first, unit) if a.derivation]
    text = "; ".join([text, *dict.fromkeys(extra)])
    values = tuple(dict.fromkeys((*first.values, *unit.values, *most_value)))
    return Fee(line_type, amount, text, values)


def price(event: Event, kind: Kind, scheme: FeeScheme, version: Version, memo: dict[Any, Any]) -> Fee:
    """``fee_for``, once per scheme, kind, times and rules version."""
    key = ("fee", version.number, scheme.key, kind.key, event.called, event.attended)
    return once(memo, key, lambda: fee_for(event, kind, scheme, version))


@attrs.define
class FeeDay:
    """What one official's fees of one day came to, by the period of the claim that paid them (2.2.1)."""

    paid: dict[str, Decimal] = attrs.Factory(dict)
    total: Decimal = Decimal(0)
    #: Fee-bearing events of the day already priced.
    events: int = 0

    def elsewhere(self, period: str) -> str:
        """The part paid in other months' claims, for the line that the cap reduced."""
        return elsewhere(self.paid, period)

    def cap(self, fee: Fee, version: Version, period: str) -> tuple[Decimal, Text, tuple[DatedValue[Any], ...]]:
        """The fee after the daily cap, its explanation and the values used (the cap's added)."""
        t = version.table
        assert t is not None
        rule = t.flera_sammantraden_samma_dag
        if not rule.given:
            if self.events:
                raise MissingAmountError(
                    "regelsamlingen säger inte hur flera sammanträden eller förrättningar samma dag ersätts "
                    "(flera_sammantraden_samma_dag): dagen har redan ett arvode, så detta kan inte beräknas",
                    parameter="flera_sammantraden_samma_dag")
            return fee.amount, fee.text, fee.values
        if rule.value == "var_for_sig":
            return fee.amount, fee.text, fee.values
        cap, values = _day_cap(fee, version)
        room = cap - self.total
        if fee.amount <= room:
            return fee.amount, fee.text, values
        room = max(room, Decimal(0))
        return room, explain(
            "{0}; dagstak {1}: högst {2:kr} per dag, {3:kr} redan ersatt denna dag{4}, betalas {5:kr}",
            fee.text, rule.section, cap, self.total, self.elsewhere(period), room), values

    def add(self, period: str, amount: Decimal) -> None:
        self.paid[period] = self.paid.get(period, Decimal(0)) + amount
        self.total += amount
        self.events += 1


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
