"""Fee and lost-income schemes (arvodesmodeller) as rules data, named by the kinds.

Municipalities price a meeting in a few shapes, and each is a scheme here, with
its amounts named as dated parameters (``rules.belopp``):

* ``langd``: one amount up to a length threshold (inclusive), another over it:
  ½ sammanträdesersättning up to one hour and 1/1 over it; a halvdag up to
  exactly 4 h and a heldag over.
* ``fast``: one amount per event whatever its length: a protokolljustering
  (¼ förrättningsersättning), a KF sammanträde's own fee.
* ``timmar``: an optional first hour, then an amount per started hour or half
  hour, counting at most ``max_hours`` hours: ⅛ förrättningsersättning per
  started hour; a grundarvode then ½ timarvode per started half hour up to 8 h;
  a grundarvode then a timarvode for each started hour 2–7.
* ``ingen``: no fee (election work, priced by its own rules).

A lost-income cap (2.2.2) is ``langd``, ``fast``, ``per_timme`` (hours × an hourly
cap: "max dagersättning/8 tim") or ``ingen``; the day's cap is a
parameter, as is the rule for several fee-bearing events on one day.

A kind names its fee scheme, optionally another for one organ (KF paying its own
sammanträde fee), its cap, and extra fees it carries (an inläsningsarvode for
the arbetsutskott of three nämnder).
"""

from __future__ import annotations

import attrs

from arvode.base.yaml import Node
from arvode.rules.belopp import Amount, parse_amount
from arvode.rules.place import Placed

__all__ = [
    "CAP_UNITS",
    "FEE_UNITS",
    "CapScheme",
    "ExtraFee",
    "FeeScheme",
    "LineType",
    "parse_cap_scheme",
    "parse_extra_fee",
    "parse_fee_scheme",
    "parse_line_type",
]

FEE_UNITS = frozenset({"langd", "fast", "timmar", "ingen"})
CAP_UNITS = frozenset({"langd", "fast", "per_timme", "ingen"})
#: A ``timmar`` scheme counts started hours or started half hours.
PER = {"timme": 60, "halvtimme": 30}


@attrs.frozen
class FeeScheme:
    key: str
    unit: str
    section: str
    reference: str
    limit_hours: str | None = None
    up_to: Amount | None = None
    over: Amount | None = None
    amount: Amount | None = None
    first_hour: Amount | None = None
    per: str = "timme"
    max_hours: str | None = None
    file: str = ""
    line: int = 0
    place: Placed = attrs.field(factory=Placed, eq=False, repr=False)
    #: Why the sources give no fee under this scheme for a substitute present but not
    #: serving (a share that covers some fee items, not KF's flat fee): such a claim is refused.
    substitute_gap: str | None = None

    def fields_naming(self, name: str) -> str | None:
        """The field of the scheme that names parameter ``name`` (for a located problem)."""
        return _field_naming(self, name, ("limit_hours", "max_hours", "up_to", "over", "amount", "first_hour"))

    @property
    def parameters(self) -> dict[str, str]:
        """Each parameter the scheme names, with the unit it must have."""
        return _units((self.limit_hours, self.max_hours), (self.up_to, self.over, self.amount, self.first_hour))


@attrs.frozen
class CapScheme:
    key: str
    unit: str
    section: str
    reference: str
    limit_hours: str | None = None
    up_to: Amount | None = None
    over: Amount | None = None
    amount: Amount | None = None
    file: str = ""
    line: int = 0
    place: Placed = attrs.field(factory=Placed, eq=False, repr=False)

    def fields_naming(self, name: str) -> str | None:
        return _field_naming(self, name, ("limit_hours", "up_to", "over", "amount"))

    @property
    def parameters(self) -> dict[str, str]:
        return _units((self.limit_hours,), (self.up_to, self.over, self.amount))


@attrs.frozen
class ExtraFee:
    """A fee a kind pays besides its scheme's, on its own line type (an inläsningsarvode)."""

    type: str
    amount: Amount
    section: str
    reference: str
    #: The organs whose events pay it; empty: every organ.
    organs: tuple[str, ...] = ()
    #: Paid only to a serving member (not to a substitute who is present but does not serve).
    serving_only: bool = True


@attrs.frozen
class LineType:
    """A line type a rules set adds to the claim contract's (its name for people)."""

    key: str
    name: str
    section: str


_COMMON = {"unit", "section", "reference", "note"}


def _units(hours: tuple[str | None, ...], amounts: tuple[Amount | None, ...]) -> dict[str, str]:
    """Each parameter a scheme names, with the unit it must have (hours, kronor, a share)."""
    names = {name: "hours" for name in hours if name is not None}
    for amount in amounts:
        if amount is not None:
            names[amount.of] = "kr"
            if amount.share is not None:
                names[amount.share] = "fraction"
    return names


def _field_naming(scheme: FeeScheme | CapScheme, name: str, fields: tuple[str, ...]) -> str | None:
    for field in fields:
        value = getattr(scheme, field)
        if value == name or (isinstance(value, Amount) and name in value.names):
            return field
    return None


def _amount(node: Node, key: str) -> Amount:
    return parse_amount(node.require(key))


def _unit(node: Node, units: frozenset[str]) -> str:
    unit = node.require("unit").text()
    if unit not in units:
        raise node.require("unit").fail(f"okänd modell {unit!r} (en av {', '.join(sorted(units))})")
    return unit


@attrs.frozen
class _Header:
    unit: str
    section: str
    reference: str
    place: Placed


def _header(node: Node, units: frozenset[str]) -> _Header:
    return _Header(_unit(node, units), node.require("section").text(), node.require("reference").text(),
                   Placed.of(node))


def _optional_amount(node: Node, key: str) -> Amount | None:
    child = node.get(key)
    return parse_amount(child) if child is not None else None


def _optional_text(node: Node, key: str) -> str | None:
    child = node.get(key)
    return child.text() if child is not None else None


_FIELDS = {
    "langd": {"limit_hours", "up_to", "over"},
    "fast": {"amount"},
    "timmar": {"amount", "first_hour", "per", "max_hours"},
    "per_timme": {"amount"},
    "ingen": set(),
}
_REQUIRED = {"langd": ("limit_hours", "up_to", "over"), "fast": ("amount",), "timmar": ("amount",),
             "per_timme": ("amount",), "ingen": ()}


def parse_fee_scheme(key: str, node: Node) -> FeeScheme:
    head = _header(node, FEE_UNITS)
    node.check_keys(_COMMON | _FIELDS[head.unit] | {"ej_tjanstgorande_lucka"})
    for field in _REQUIRED[head.unit]:
        node.require(field)
    per = _optional_text(node, "per") or "timme"
    if per not in PER:
        raise node.require("per").fail(f"okänd enhet {per!r} (timme eller halvtimme)")
    return FeeScheme(
        key=key, unit=head.unit, section=head.section, reference=head.reference,
        limit_hours=_optional_text(node, "limit_hours"), up_to=_optional_amount(node, "up_to"),
        over=_optional_amount(node, "over"), amount=_optional_amount(node, "amount"),
        first_hour=_optional_amount(node, "first_hour"), per=per, max_hours=_optional_text(node, "max_hours"),
        file=node.file, line=node.line, place=head.place,
        substitute_gap=_optional_text(node, "ej_tjanstgorande_lucka"),
    )


def parse_cap_scheme(key: str, node: Node) -> CapScheme:
    head = _header(node, CAP_UNITS)
    node.check_keys(_COMMON | _FIELDS[head.unit])
    for field in _REQUIRED[head.unit]:
        node.require(field)
    return CapScheme(
        key=key, unit=head.unit, section=head.section, reference=head.reference,
        limit_hours=_optional_text(node, "limit_hours"), up_to=_optional_amount(node, "up_to"),
        over=_optional_amount(node, "over"), amount=_optional_amount(node, "amount"),
        file=node.file, line=node.line, place=head.place,
    )


def parse_extra_fee(node: Node) -> ExtraFee:
    node.check_keys({"type", "amount", "section", "reference", "organs", "serving_only", "note"})
    organs = node.get("organs")
    serving = node.get("serving_only")
    return ExtraFee(
        type=node.require("type").text(),
        amount=_amount(node, "amount"),
        section=node.require("section").text(),
        reference=node.require("reference").text(),
        organs=tuple(item.text() for item in organs.sequence()) if organs is not None else (),
        serving_only=serving.boolean() if serving is not None else True,
    )


def parse_line_type(key: str, node: Node) -> LineType:
    node.check_keys({"name", "section", "note"})
    return LineType(key=key, name=node.require("name").text(), section=node.require("section").text())

