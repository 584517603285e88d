"""What a calculation returns: explained lines, refused events, totals.

Each line names its section and shows arithmetic a person can redo, and lists
the rule values it used (name, value, in force from, reference), so an auditor
can trace any öre back to Bilaga 1 and the section.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import attrs

from arvode.base.errors import Location
from arvode.base.money import format_json
from arvode.calculation.lines import Text
from arvode.rules.params import DatedValue

__all__ = ["LINE_TYPES", "ClaimWarning", "Line", "Rejection", "Result", "in_contract_order"]

#: Line types of the claim contract, in the order totals are listed.
LINE_TYPES = (
    "sammantradesersattning",
    "forrattningsersattning",
    "forlorad_arbetsinkomst",
    "forlorad_semesterersattning",
    "forlorad_semesterdag",
    "forlorad_pensionsforman",
    "arsarvode",
    "gruppledararvode",
    "franvaroavdrag",
    "sjuklon",
    "foraldraersattning",
    "valforrattning",
    "reseersattning",
    "fardtidsersattning",
    "traktamente",
    "barntillsyn",
    "vard_och_tillsyn",
    "funktionsnedsattning",
    "ovriga_kostnader",
)


_KEY = re.compile(r"[a-z][a-z0-9_]{0,63}")


def _line_type(_instance: object, _attribute: object, value: str) -> None:
    """A contract line type, or one a rules set adds (``line_types``): a plain key, checked at load."""
    if value not in LINE_TYPES and not (isinstance(value, str) and _KEY.fullmatch(value)):
        raise ValueError(f"okänd radtyp {value!r}")


def in_contract_order(types: set[str] | dict[str, Any]) -> list[str]:
    """Line types in the contract's order, those a rules set adds after them (by name)."""
    return [t for t in LINE_TYPES if t in types] + sorted(t for t in types if t not in LINE_TYPES)


@attrs.frozen
class Line:
    """One payment (or an explained 0,00) with its section and arithmetic."""

    type: str = attrs.field(validator=_line_type)
    amount: Decimal = attrs.field(validator=attrs.validators.instance_of(Decimal))
    rule: str
    #: The arithmetic a person can redo; formatted when read (``text``).
    explanation: Text
    date: dt.date | None = None
    event: int | None = None
    values: tuple[DatedValue[Any], ...] = ()
    #: The organ that bears the cost (section 1), where the line is not an event's.
    organ: str | None = None

    @property
    def text(self) -> str:
        return str(self.explanation)

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if self.date is not None:
            data["date"] = self.date.isoformat()
        if self.event is not None:
            data["event"] = self.event
        data.update(
            type=self.type,
            amount=format_json(self.amount),
            rule=self.rule,
            text=self.text,
            values=[v.as_json() for v in self.values],
        )
        return data


@attrs.frozen
class Rejection:
    """An event (or part of one) that is not paid, and why."""

    event: int | None
    rule: str
    reason: str
    date: dt.date | None = None

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if self.event is not None:
            data["event"] = self.event
        if self.date is not None:
            data["date"] = self.date.isoformat()
        data.update(rule=self.rule, reason=self.reason)
        return data


@attrs.frozen
class ClaimWarning:
    """Something paid that KS should look at, located like an input error.

    ``str()`` is the ``arvode rules check`` shape, ``file:line: field: varning: …``,
    so an editor jumps to the decision; unlike an error it stops nothing.
    """

    rule: str
    text: str
    location: Location | None = None

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location is not None else ""
        return f"{where}varning: {self.text}"

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"rule": self.rule, "text": self.text}
        if self.location is not None:
            data["where"] = str(self.location)
        return data


@attrs.frozen
class Result:
    official: str
    period: str
    lines: tuple[Line, ...]
    rejected: tuple[Rejection, ...]
    #: Paid but worth a look (2.3: a special decision under 40 %); in the JSON only when any.
    warnings: tuple[ClaimWarning, ...] = ()

    @property
    def totals(self) -> dict[str, Decimal]:
        """One entry per line type that occurs, in contract order, and ``total``."""
        sums: dict[str, Decimal] = {}
        for line in self.lines:
            sums[line.type] = sums.get(line.type, Decimal(0)) + line.amount
        ordered = {t: sums[t] for t in in_contract_order(sums)}
        ordered["total"] = sum(sums.values(), Decimal(0))
        return ordered

    @property
    def total(self) -> Decimal:
        return self.totals["total"]

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "official": self.official,
            "period": self.period,
            "lines": [line.as_json() for line in self.lines],
            "rejected": [r.as_json() for r in self.rejected],
            "totals": {k: format_json(v) for k, v in self.totals.items()},
        }
        if self.warnings:
            data["warnings"] = [w.as_json() for w in self.warnings]
        return data
