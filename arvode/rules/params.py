"""Dated parameters: a value applies from its date until the next one.

The shape is openfisca's (``values: {DATE: {value: …}}``) with two fixes its
users ask for: values are exact (never float), and every value carries the
section or decision it comes from, so any öre can be traced to its source.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar, Generic, TypeVar

import attrs

from arvode.base.errors import ArvodeError, Location, MissingAmountError, NoRuleInForceError, RulesError
from arvode.base.money import ROUNDING_MODES
from arvode.base.yaml import Node
from arvode.rules.belopp import FORMULA_KEYS, Formula, parse_formula

__all__ = ["PARAMETER_KEYS", "UNITS", "DatedValue", "Missing", "Omrakning", "Parameter", "parse_parameter",
           "traced"]

UNITS = frozenset(
    {"kr", "percent", "fraction", "hours", "months", "years", "km", "days", "count", "bool",
     "rounding", "year_list", "kind_list", "choice"}
)


T = TypeVar("T")


@attrs.frozen(cache_hash=True)
class DatedValue(Generic[T]):
    """One value of a parameter, in force from ``valid_from``.

    A computed value (``formula``) is stored as written, with ``value`` None, and
    resolved per rules version: the resolved value carries the values it was
    computed from (``basis``) and its arithmetic (``derivation``), so a line that
    uses it can trace and explain it.
    """

    name: str
    value: T
    valid_from: dt.date
    reference: str
    note: str | None = None
    file: str = ""
    line: int = 0
    formula: Formula | None = None
    basis: tuple[DatedValue[Any], ...] = ()
    derivation: str | None = None
    #: ``missing: true``: known not to be known from ``valid_from`` (refused when needed).
    missing: bool = False
    #: The parameter's section, for the line that cites it.
    section: str = attrs.field(default="", eq=False)
    #: False only for a ``Missing``: the rules set does not give this value on the day.
    given: ClassVar[bool] = True

    def as_json(self) -> dict[str, str]:
        return {
            "name": self.name,
            "value": _text(self.value),
            "from": self.valid_from.isoformat(),
            "reference": self.reference,
        }


class Missing(DatedValue[Any]):
    """A value the rules set does not give on a day: reading ``.value`` refuses the claim, naming it.

    A municipality's set leaves out what its sources do not say (lost-income caps
    nobody published, a year's presidium percentages not found). The compiled table holds a
    ``Missing`` in that field, whose ``value`` slot is never set: reading it falls
    through to ``__getattr__``, which raises the error built when the set was
    compiled (``MissingAmountError`` or ``NoRuleInForceError``, with the parameter's
    name). So every read of a rule value is a check that the set gives it, at no
    cost to the values it does give, and code that can do without a value asks
    ``value.given`` first.
    """

    __slots__ = ("error",)
    given: ClassVar[bool] = False
    #: The error for a read on a day (None: a read from a rules version's table).
    error: Callable[[dt.date | None], ArvodeError]

    def __init__(self, name: str, error: Callable[[dt.date | None], ArvodeError],
                 valid_from: dt.date = dt.date.min) -> None:
        for field, value in (("name", name), ("valid_from", valid_from), ("reference", ""), ("note", None),
                             ("file", ""), ("line", 0), ("formula", None), ("basis", ()), ("derivation", None),
                             ("missing", True), ("section", ""), ("error", error)):
            object.__setattr__(self, field, value)

    def __getattr__(self, attribute: str) -> Any:
        if attribute == "value":
            raise self.error(None)
        raise AttributeError(attribute)

    def __repr__(self) -> str:
        return f"Missing({self.name!r})"

    def __eq__(self, other: object) -> bool:
        return self is other

    def __hash__(self) -> int:
        return id(self)


def traced(value: DatedValue[Any]) -> tuple[DatedValue[Any], ...]:
    """A value and, for a computed one, the values it was computed from (each once, in order)."""
    if not value.basis:
        return (value,)
    out: list[DatedValue[Any]] = [value]
    for base in value.basis:
        out.extend(v for v in traced(base) if v not in out)
    return tuple(out)


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


@attrs.frozen
class Omrakning:
    """6.5: KSAPU raises this amount every year and rounds it to ``steg`` kronor.

    Kept as data on the parameter, so which amounts 6.5 lists, and the step of
    each (krona; 100 kr for årsarvode), is read from the rules, not from code.
    """

    steg: Decimal
    reference: str
    note: str | None = None
    file: str = ""
    line: int = 0


@attrs.frozen
class Parameter:
    """A named rule value with its history, sorted by date."""

    name: str
    description: str
    unit: str
    section: str
    values: tuple[DatedValue[Any], ...]
    file: str = ""
    line: int = 0
    omrakning: Omrakning | None = None
    #: How many dated values the file gives, also those that did not parse (``rules check``
    #: reports those; an empty ``values`` then is not a second problem).
    given: int = 0

    def at(self, day: dt.date) -> DatedValue[Any]:
        """The value in force on ``day``; before the first date is an error."""
        if not self.values:
            raise MissingAmountError(
                f"regelsamlingen har inget belopp för {self.name} ({self.description}, "
                f"avsnitt {self.section}) den {day.isoformat()}; "
                f"KSAPU behöver lägga till ett daterat värde i {self.file}",
                parameter=self.name,
            )
        # Newest first: a parameter has a handful of values, so a scan beats a bisect.
        for index in range(len(self.values) - 1, -1, -1):
            dated: DatedValue[Any] = self.values[index]
            if dated.valid_from <= day:
                return dated
        raise NoRuleInForceError(
            f"inga regler gäller {day.isoformat()}: {self.name} gäller från "
            f"{self.values[0].valid_from.isoformat()}"
        )


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
            raise node.fail(f"okänt avrundningssätt {mode!r} (ett av {', '.join(map(str, sorted(ROUNDING_MODES)))})")
        return mode
    if unit == "year_list":
        return tuple(item.integer() for item in node.sequence())
    if unit == "choice":
        return node.text()
    if unit == "kind_list":
        return tuple(item.text() for item in node.sequence())
    raise node.fail(f"okänd enhet {unit!r}")


#: Keys of a parameter's mapping; ``omrakning`` marks an amount 6.5 raises every year.
PARAMETER_KEYS = frozenset({"description", "unit", "section", "values", "note", "omrakning"})
#: Keys of one dated value: a number, a formula (``rules.belopp``) or ``missing: true``.
VALUE_KEYS = frozenset({"value", "reference", "note", "missing"}) | FORMULA_KEYS
#: Keys of a parameter's ``omrakning`` marker.
OMRAKNING_KEYS = frozenset({"steg", "reference", "note"})

_T = TypeVar("_T")


class _Attempts:
    """Fail fast for ``load_rules``; collect every problem for ``arvode rules check``.

    One parser serves both, so the checker can never accept what loading refuses.
    """

    def __init__(self, problems: list[ArvodeError] | None) -> None:
        self.problems = problems

    def report(self, error: ArvodeError) -> None:
        if self.problems is None:
            raise error
        self.problems.append(error)

    def __call__(self, read: Callable[[], _T], default: _T) -> _T:
        try:
            return read()
        except ArvodeError as exc:
            self.report(exc)
            return default

    def keys(self, node: Node, allowed: frozenset[str]) -> None:
        """Every unknown key, not only the first (``Node.check_keys`` stops at one)."""
        known = ", ".join(sorted(allowed))
        for key, child in node.items():
            if key not in allowed:
                self.report(child.fail(f"okänt fält (ett av: {known})"))


def _unit(node: Node) -> str:
    unit_node = node.require("unit")
    unit = unit_node.text()
    if unit not in UNITS:
        raise unit_node.fail(f"okänd enhet {unit!r} (en av {', '.join(map(str, sorted(UNITS)))})")
    return unit


def _optional_text(node: Node, key: str) -> str | None:
    child = node.get(key)
    return child.text() if child is not None else None


def _steg(node: Node) -> Decimal:
    steg_node = node.require("steg")
    steg = steg_node.decimal()
    if steg <= 0:
        raise steg_node.fail(f"avrundningssteget måste vara större än 0 kr (är {steg_node.value!r})")
    return steg


def _parse_omrakning(node: Node, unit: str | None, attempt: _Attempts) -> Omrakning | None:
    """6.5's marker: the amount is raised yearly and rounded to ``steg`` kronor."""
    if not node.is_mapping():
        attempt.report(node.fail("väntade en mappning {steg: …, reference: …}"))
        return None
    attempt.keys(node, OMRAKNING_KEYS)
    if unit is not None and unit != "kr":
        attempt.report(node.fail(f"6.5 räknar bara om belopp i kr, inte enheten {unit!r}"))
        return None
    steg = attempt(lambda: _steg(node), None)
    reference = attempt(lambda: node.require("reference").text(), None)
    note = attempt(lambda: _optional_text(node, "note"), None)
    if steg is None or reference is None:
        return None
    return Omrakning(steg=steg, reference=reference, note=note, file=node.file, line=node.line)


def _date_key(date_key: str, entry: Node) -> dt.date:
    try:
        return dt.date.fromisoformat(date_key)
    except ValueError:
        raise entry.fail(f"{date_key!r} är inte ett datum ÅÅÅÅ-MM-DD") from None


def _parse_dated(
    name: str, unit: str | None, date_key: str, entry: Node, attempt: _Attempts
) -> DatedValue[Any] | None:
    valid_from = attempt(lambda: _date_key(date_key, entry), None)
    if not entry.is_mapping():
        attempt.report(entry.fail("väntade en mappning {value: …, reference: …}"))
        return None
    attempt.keys(entry, VALUE_KEYS)
    reference = attempt(lambda: entry.require("reference").text(), None)
    note = attempt(lambda: _optional_text(entry, "note"), None)
    if unit is None:
        return None
    unread = object()
    formula: Formula | None = None
    missing = False
    forms = [key for key in ("value", "of", "missing") if entry.get(key) is not None]
    if len(forms) != 1:
        attempt.report(entry.fail("ange precis ett av value, of (med percent eller share) eller missing: true"))
        return None
    if forms == ["missing"]:
        missing = bool(attempt(lambda: entry.require("missing").boolean(), False))
        if not missing:
            attempt.report(entry.require("missing").fail("missing anges bara som true"))
            return None
        value: Any = None
    elif forms == ["of"]:
        if unit != "kr":
            attempt.report(entry.fail(f"bara belopp i kr kan räknas fram ur ett annat, inte enheten {unit!r}"))
            return None
        formula = attempt(lambda: parse_formula(entry), None)
        value = None if formula is not None else unread
    else:
        if any(entry.get(key) is not None for key in FORMULA_KEYS):
            attempt.report(entry.fail("percent, share, round och unrounded hör till ett framräknat värde (of)"))
            return None
        value = attempt(lambda: _parse_value(unit, entry.require("value")), unread)
    if valid_from is None or reference is None or value is unread:
        return None
    return DatedValue(
        name=name,
        value=value,
        valid_from=valid_from,
        reference=reference,
        note=note,
        file=entry.file,
        line=entry.line,
        formula=formula,
        missing=missing,
    )


def parse_parameter(
    name: str, node: Node, problems: list[ArvodeError] | None = None
) -> Parameter:
    """A dated parameter from its YAML mapping, every value exact and referenced.

    Without ``problems`` the first error is raised (``load_rules`` fails fast). With it,
    each failing field or dated value is appended there and skipped, so ``arvode rules
    check`` reports all of them from this same parser; what could be read is returned
    for the cross-reference checks.
    """
    attempt = _Attempts(problems)
    if not node.is_mapping():
        attempt.report(node.fail("väntade en mappning (description, unit, section, values)"))
        return Parameter(name=name, description="", unit="", section="", values=(),
                         file=node.file, line=node.line)
    attempt.keys(node, PARAMETER_KEYS)
    unit = attempt(lambda: _unit(node), None)
    description = attempt(lambda: node.require("description").text(), "")
    section = attempt(lambda: node.require("section").text(), "")
    attempt(lambda: _optional_text(node, "note"), None)
    marker = node.get("omrakning")
    omrakning = _parse_omrakning(marker, unit, attempt) if marker is not None else None
    values: list[DatedValue[Any]] = []
    values_node = node.get("values")
    entries: list[tuple[str, Node]] = []
    if values_node is not None and values_node.value is not None:
        entries = attempt(lambda: list(values_node.items()), [])
        for date_key, entry in entries:
            dated = _parse_dated(name, unit, date_key, entry, attempt)
            if dated is not None:
                values.append(dated)
    values = sorted((attrs.evolve(v, section=section) for v in values), key=lambda v: v.valid_from)
    for before, after in itertools.pairwise(values):
        if before.valid_from == after.valid_from:
            attempt.report(RulesError(
                f"två värden från {after.valid_from} (det andra på rad {before.line})",
                Location(after.file, after.line, name),
            ))
    return Parameter(
        name=name,
        description=description,
        unit=unit or "",
        section=section,
        values=tuple(values),
        file=node.file,
        line=node.line,
        omrakning=omrakning,
        given=len(entries),
    )


def as_fraction(value: object) -> Fraction:
    """Percent Decimal or Fraction as an exact Fraction (for shares of amounts)."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, Decimal | int):
        return Fraction(value)
    raise TypeError(f"inte en andel: {value!r}")
