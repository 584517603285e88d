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

from ._money import round_money, times

__all__ = ["METHODS", "days_part", "month_twelfth"]

METHODS = frozenset({"sista_manaden_justeras", "kumulativ"})


def month_twelfth(yearly: Decimal, month: int, share: Fraction, mode: str, method: str) -> Decimal:
    """Month ``month``'s payment of ``yearly`` when each month is ``share`` of the year."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}")
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
