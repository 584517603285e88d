"""6.3 twelfths and 3.7 day shares that add up exactly.

Rounding each month on its own makes twelve payments miss the yearly amount by
öre. Two methods close the gap, chosen by the rules parameter
``arsarvode.tolftedelar_metod``: ``sista_manaden_justeras`` (every month pays
round(Y/12), the last month the rest: what payroll does by hand) or
``kumulativ`` (month m pays round(Y·m/12) − round(Y·(m−1)/12)). Days of a month
are split the cumulative way, so a leaver's and a successor's parts add up to
that month's twelfth.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from arvode.base.money import format_kr, round_money, times
from arvode.calculation.arsarvode.standing import Component
from arvode.rules.lookup import Lookup

__all__ = ["METHODS", "Run", "days_part", "month_twelfth", "month_twelfth_text"]

METHODS = frozenset({"sista_manaden_justeras", "kumulativ"})


def month_twelfth(yearly: Decimal, month: int, share: Fraction, mode: str, method: str) -> Decimal:
    """Month ``month``'s payment of ``yearly`` when each month is ``share`` of the year."""
    if method not in METHODS:
        raise ValueError(f"okänd metod {method!r}")
    if method == "sista_manaden_justeras":
        plain = round_money(times(yearly, share), mode)
        last = share.denominator
        return plain if month < last else yearly - plain * (last - 1)
    upto = round_money(times(yearly, share * month), mode)
    before = round_money(times(yearly, share * (month - 1)), mode)
    return upto - before


def days_part(twelfth: Decimal, first: int, last: int, days_in_month: int, mode: str) -> Decimal:
    """Days ``first``..``last`` (1-based, inclusive) of a month paying ``twelfth``."""
    def running(day: int) -> Decimal:
        return round_money(times(twelfth, Fraction(day, days_in_month)), mode)

    return running(last) - running(first - 1)


_MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
           "september", "oktober", "november", "december")


class Run:
    """Consecutive days of one component at one yearly amount."""

    def __init__(self, component: Component, first: int, last: int, look: Lookup) -> None:
        self.component, self.first, self.last, self.look = component, first, last, look


def month_twelfth_text(run: Run, month: int) -> tuple[Decimal, str]:
    look = run.look
    share = look.share("arsarvode.tolftedel")
    section = look.value("arsarvode.tolftedel").section
    mode = look.value("avrundning").value
    method = look.value("arsarvode.tolftedelar_metod").value
    yearly = run.component.yearly
    twelfth = month_twelfth(yearly, month, share, mode, method)
    parts = share.denominator
    plain = look.round(times(yearly, share))
    if times(yearly, share) == twelfth:
        return twelfth, f"{format_kr(yearly)} / {parts} = {format_kr(twelfth)} ({section})"
    if method == "sista_manaden_justeras":
        if twelfth == plain:
            return twelfth, f"{format_kr(yearly)} / {parts} = {format_kr(twelfth)} avrundat ({section})"
        return twelfth, (
            f"{_MONTHS[month - 1]}, årets sista tolftedel: {format_kr(yearly)} − {parts - 1} × "
            f"{format_kr(plain)} = {format_kr(twelfth)} ({section}, tolftedelarna summerar exakt)"
        )
    return twelfth, (
        f"{_MONTHS[month - 1]}: avrundat({format_kr(yearly)} × {month}/{parts}) − "
        f"avrundat({format_kr(yearly)} × {month - 1}/{parts}) = {format_kr(twelfth)} "
        f"({section}, tolftedelar som summerar exakt)"
    )


