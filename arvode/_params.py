"""Dated parameters: a value applies from its date until the next one.

The shape is openfisca's (``values: {DATE: {value: …}}``) with two fixes its
users ask for: values are exact (never float), and every value carries the
section or decision it comes from, so any öre can be traced to its source.
"""

from __future__ import annotations

import bisect
import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from ._errors import Location, MissingAmountError, NoRuleInForceError, RulesError
from ._money import ROUNDING_MODES
from ._yaml import Node

__all__ = ["UNITS", "DatedValue", "Parameter", "parse_parameter"]

UNITS = frozenset(
    {"kr", "percent", "fraction", "hours", "months", "years", "km", "days", "count", "bool",
     "rounding", "year_list", "kind_list", "choice"}
)


@attrs.frozen
class DatedValue:
    """One value of a parameter, in force from ``valid_from``."""

    name: str
    value: Any
    valid_from: dt.date
    reference: str
    note: str | None = None
    file: str = ""
    line: int = 0

    def as_json(self) -> dict[str, str]:
        return {
            "name": self.name,
            "value": _text(self.value),
            "from": self.valid_from.isoformat(),
            "reference": self.reference,
        }


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


@attrs.frozen
class Parameter:
    """A named rule value with its history, sorted by date."""

    name: str
    description: str
    unit: str
    section: str
    values: tuple[DatedValue, ...]
    file: str = ""
    line: int = 0

    def at(self, day: dt.date) -> DatedValue:
        """The value in force on ``day``; before the first date is an error."""
        if not self.values:
            raise MissingAmountError(
                f"the rules set gives no amount for {self.name} ({self.description}, "
                f"section {self.section}) on {day.isoformat()}; "
                f"KSAPU must add a dated value to {self.file}"
            )
        dates = [v.valid_from for v in self.values]
        index = bisect.bisect_right(dates, day) - 1
        if index < 0:
            raise NoRuleInForceError(
                f"no rules in force on {day.isoformat()}: {self.name} applies from "
                f"{self.values[0].valid_from.isoformat()}"
            )
        return self.values[index]


def _parse_value(unit: str, node: Node) -> Any:
    if unit == "kr":
        return node.decimal(minimum=None)
    if unit in {"percent", "hours", "km"}:
        return node.decimal()
    if unit == "fraction":
        return node.fraction()
    if unit in {"months", "years", "days", "count"}:
        return node.integer()
    if unit == "bool":
        return node.boolean()
    if unit == "rounding":
        mode = node.text()
        if mode not in ROUNDING_MODES:
            raise node.fail(f"unknown rounding mode {mode!r} (one of {sorted(ROUNDING_MODES)})")
        return mode
    if unit == "year_list":
        return tuple(item.integer() for item in node.sequence())
    if unit == "choice":
        return node.text()
    if unit == "kind_list":
        return tuple(item.text() for item in node.sequence())
    raise node.fail(f"unknown unit {unit!r}")


def parse_parameter(name: str, node: Node) -> Parameter:
    node.check_keys({"description", "unit", "section", "values", "note"})
    unit = node.require("unit").text()
    if unit not in UNITS:
        raise node.require("unit").fail(f"unknown unit {unit!r} (one of {sorted(UNITS)})")
    values_node = node.require("values") if node.get("values") is not None else None
    values: list[DatedValue] = []
    if values_node is not None and values_node.value is not None:
        for date_key, entry in values_node.items():
            try:
                valid_from = dt.date.fromisoformat(date_key)
            except ValueError:
                raise entry.fail(f"{date_key!r} is not a date YYYY-MM-DD") from None
            entry.check_keys({"value", "reference", "note"})
            reference = entry.require("reference").text()
            note = entry.get("note")
            values.append(
                DatedValue(
                    name=name,
                    value=_parse_value(unit, entry.require("value")),
                    valid_from=valid_from,
                    reference=reference,
                    note=note.text() if note is not None else None,
                    file=entry.file,
                    line=entry.line,
                )
            )
    values.sort(key=lambda v: v.valid_from)
    for before, after in zip(values, values[1:], strict=False):
        if before.valid_from == after.valid_from:
            raise RulesError(
                f"two values from {after.valid_from}", Location(after.file, after.line, name)
            )
    return Parameter(
        name=name,
        description=node.require("description").text(),
        unit=unit,
        section=node.require("section").text(),
        values=tuple(values),
        file=node.file,
        line=node.line,
    )


def as_fraction(value: object) -> Fraction:
    """Percent Decimal or Fraction as an exact Fraction (for shares of amounts)."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, Decimal | int):
        return Fraction(value)
    raise TypeError(f"not a share: {value!r}")
