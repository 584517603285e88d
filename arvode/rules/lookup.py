"""Rule values in force on one day, remembering which a line used.

A line's explanation lists every value behind it; collecting them here, as the
computation asks for them, keeps that list true by construction.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any

from arvode.base.money import round_money
from arvode.rules.load import Rules
from arvode.rules.params import DatedValue, as_fraction

__all__ = ["Lookup"]


class Lookup:
    """Reads parameters for one day and records each one read."""

    def __init__(self, rules: Rules, day: dt.date) -> None:
        self.rules = rules
        self.day = day
        self._used: dict[str, DatedValue[Any]] = {}

    def value(self, name: str) -> DatedValue[Any]:
        found = self.rules.value(name, self.day)
        self._used.setdefault(name, found)
        return found

    def amount(self, name: str) -> Decimal:
        value = self.value(name).value
        assert isinstance(value, Decimal), name
        return value

    def share(self, name: str) -> Fraction:
        return as_fraction(self.value(name).value)

    def percent(self, name: str) -> Decimal:
        return self.amount(name)

    def integer(self, name: str) -> int:
        value = self.value(name).value
        assert isinstance(value, int), name
        return value

    def round(self, amount: Decimal) -> Decimal:
        """Round a finished line to öre with the rules' mode (parameter ``avrundning``)."""
        mode = self.value("avrundning").value
        return round_money(amount, mode)

    @property
    def used(self) -> tuple[DatedValue[Any], ...]:
        return tuple(v for k, v in self._used.items() if k != "avrundning")
