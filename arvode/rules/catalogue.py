"""The rules set's vocabulary: organs, kinds of event and roles with årsarvode.

Keys in claims (``socialnamnden``, ``protokolljustering``,
``socialnamnden.ordforande``) must be known here; an unknown key is a claim
error, so an organ outside the municipality is refused unless a rules set adds
it. What each kind pays is named by scheme (``rules.modeller``), and the
schemes' amounts are dated parameters (2.2.1, 2.2.2), so the data decides the
amounts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

import attrs

from arvode.base.errors import MissingAmountError, NoRuleInForceError
from arvode.base.yaml import Node
from arvode.rules.modeller import ExtraFee, parse_extra_fee
from arvode.rules.place import Placed

__all__ = [
    "CATEGORIES",
    "Kind",
    "MeetingOf",
    "Organ",
    "Placed",
    "Role",
    "RoleTerms",
    "SeatStep",
    "organ_chain",
    "parse_kind",
    "parse_organ",
    "parse_role",
]

#: 2.1.1 sammanträden, 2.1.2 förrättningar, 2.2.3 election work.
CATEGORIES = frozenset({"sammantrade", "forrattning", "valforrattning"})


@attrs.frozen
class Organ:
    """A body whose meetings pay (2.1.1); ``within_municipality`` matters for nivå 1.

    ``part_of`` names the organ this one belongs to (KSAPU is Kommunstyrelsen's
    utskott), so that what a level or a special decision includes "inom
    nämndens verksamhetsområde" (2.3.2) or as "nämndinterna uppdrag" (the
    decisions under 2.3) reaches the nämnd and its parts.
    """

    key: str
    name: str
    valid_from: dt.date
    reference: str
    within_municipality: bool = True
    part_of: str | None = None
    place: Placed = attrs.field(factory=Placed, eq=False, repr=False)


@attrs.frozen
class MeetingOf:
    """The sammanträde a kind of event prepares: its organ and kind (2.1.2)."""

    organ: str
    kind: str


@attrs.frozen
class Kind:
    """A kind of event and the schemes that price it.

    ``fee`` and ``lost_income_cap`` name entries of the ``fee_schemes`` and
    ``lost_income_caps`` sections; ``fee_by_organ`` names another fee scheme for
    an organ's events of this kind (a KF sammanträde's own fee); ``extra_fees``
    are paid besides. ``one_per_meeting_of`` is 2.1.2's "högst ett
    partigruppmöte per kommunfullmäktigesammanträde": the organ and kind of the
    sammanträde prepared.
    """

    key: str
    name: str
    category: str
    fee: str
    lost_income_cap: str
    valid_from: dt.date
    reference: str
    fee_by_organ: Mapping[str, str] = attrs.field(factory=dict)
    extra_fees: tuple[ExtraFee, ...] = ()
    one_per_meeting_of: MeetingOf | None = None
    needs_time: bool = True
    place: Placed = attrs.field(factory=Placed, eq=False, repr=False)

    def fee_scheme(self, organ: str | None) -> str:
        """The fee scheme of this kind's event in ``organ``."""
        if organ is not None and organ in self.fee_by_organ:
            return self.fee_by_organ[organ]
        return self.fee


@attrs.frozen
class SeatStep:
    """From ``seats`` KF seats the role is ``percent``, plus ``per_seat`` for each seat above."""

    seats: int
    percent: Decimal
    per_seat: Decimal = Decimal(0)


@attrs.frozen
class RoleTerms:
    """A role's årsarvode terms from a date (2.3.1–2.3.5)."""

    valid_from: dt.date
    level: int | None
    reference: str
    percent: Decimal | None = None
    derived_from: str | None = None
    share_of_derived: Decimal | None = None
    election_year_percent: Decimal | None = None
    election_year_level: int | None = None
    includes: tuple[str, ...] = ()
    note: str | None = None
    file: str = ""
    line: int = 0
    #: The percent by the party's KF seats (an oppositionsråd), lowest first.
    by_seats: tuple[SeatStep, ...] = ()
    #: ``missing: true``: the terms from this date are not known (refused when needed).
    missing: bool = False
    #: The yearly amount the source publishes in kronor, paid instead of percent × base;
    #: the percent still counts toward levels and caps (a kommunalråd's published amount).
    yearly_kr: Decimal | None = None


@attrs.frozen
class NoFeeAt:
    """Meetings a role's holder is not paid a fee for, whatever their level (an oppositionsråd at KS).

    Only the fee goes: lost income and costs follow their own rules, since the
    sentence that bars it ("sammanträdesarvode inte utgår") names the fee alone.
    """

    organs: tuple[str, ...]
    kinds: tuple[str, ...]
    section: str
    reference: str


@attrs.frozen
class Role:
    """An årsarvoderat uppdrag with its dated terms."""

    key: str
    organ: str
    title: str
    terms: tuple[RoleTerms, ...]
    no_fee_at: NoFeeAt | None = None

    place: Placed = attrs.field(factory=Placed, eq=False, repr=False)

    def at(self, day: dt.date) -> RoleTerms:
        current = [t for t in self.terms if t.valid_from <= day]
        if not current:
            first = self.terms[0].valid_from.isoformat() if self.terms else "aldrig"
            raise NoRuleInForceError(
                f"inga regler gäller {day.isoformat()} för uppdraget {self.key} (från {first})"
            )
        terms = current[-1]
        if terms.missing:
            raise MissingAmountError(
                f"regelsamlingen har ingen känd procentsats för uppdraget {self.key} ({self.title}) från "
                f"{terms.valid_from.isoformat()}: {terms.note or terms.reference}"
            )
        return terms


def _dated_header(node: Node) -> tuple[dt.date, str]:
    return node.require("from").date(), node.require("reference").text()


def parse_organ(key: str, node: Node) -> Organ:
    node.check_keys({"name", "from", "reference", "within_municipality", "part_of", "note"})
    valid_from, reference = _dated_header(node)
    within = node.get("within_municipality")
    part_of = node.get("part_of")
    return Organ(
        key=key,
        name=node.require("name").text(),
        valid_from=valid_from,
        reference=reference,
        within_municipality=within.boolean() if within is not None else True,
        part_of=part_of.text() if part_of is not None else None,
        place=Placed.of(node),
    )


def organ_chain(organs: Mapping[str, Organ], key: str) -> tuple[str, ...]:
    """``key`` and the organs it is part of, innermost first (KSAPU, Kommunstyrelsen)."""
    chain = [key]
    while (parent := organs[chain[-1]].part_of) is not None and parent not in chain:
        chain.append(parent)
    return tuple(chain)


def parse_kind(key: str, node: Node) -> Kind:
    node.check_keys(
        {"name", "category", "fee", "fee_by_organ", "lost_income_cap", "extra_fees", "from", "reference",
         "one_per_meeting_of", "needs_time", "note"}
    )
    valid_from, reference = _dated_header(node)
    category = node.require("category").text()
    if category not in CATEGORIES:
        raise node.require("category").fail(f"okänd kategori (en av {', '.join(map(str, sorted(CATEGORIES)))})")
    by_organ = node.get("fee_by_organ")
    extra = node.get("extra_fees")
    once = node.get("one_per_meeting_of")
    meeting = None
    if once is not None:
        once.check_keys({"organ", "kind"})
        meeting = MeetingOf(once.require("organ").text(), once.require("kind").text())
    needs_time = node.get("needs_time")
    return Kind(
        key=key,
        name=node.require("name").text(),
        category=category,
        fee=node.require("fee").text(),
        lost_income_cap=node.require("lost_income_cap").text(),
        valid_from=valid_from,
        reference=reference,
        fee_by_organ={organ: scheme.text() for organ, scheme in by_organ.items()} if by_organ is not None else {},
        extra_fees=tuple(parse_extra_fee(item) for item in extra.sequence()) if extra is not None else (),
        one_per_meeting_of=meeting,
        needs_time=needs_time.boolean() if needs_time is not None else True,
        place=Placed.of(node),
    )


def _no_fee_at(node: Node) -> NoFeeAt:
    node.check_keys({"organs", "kinds", "section", "reference", "note"})
    organs = tuple(item.text() for item in node.require("organs").sequence())
    kinds = tuple(item.text() for item in node.require("kinds").sequence())
    if not organs or not kinds:
        raise node.fail("no_fee_at behöver minst ett organ och en typ av möte")
    return NoFeeAt(organs, kinds, node.require("section").text(), node.require("reference").text())


def parse_role(key: str, node: Node) -> Role:
    node.check_keys({"organ", "title", "values", "note", "no_fee_at"})
    no_fee = node.get("no_fee_at")
    terms: list[RoleTerms] = []
    for date_key, entry in node.require("values").items():
        try:
            valid_from = dt.date.fromisoformat(date_key)
        except ValueError:
            raise entry.fail(f"{date_key!r} är inte ett datum ÅÅÅÅ-MM-DD") from None
        entry.check_keys(
            {"percent", "derived_from", "share", "level", "election_year_percent",
             "election_year_level", "includes", "reference", "note", "by_seats", "missing", "yearly_kr"}
        )
        percent = entry.get("percent")
        derived = entry.get("derived_from")
        share = entry.get("share")
        by_seats = entry.get("by_seats")
        missing = entry.get("missing")
        if missing is not None:
            if not missing.boolean():
                raise missing.fail("missing anges bara som true")
            terms.append(RoleTerms(valid_from=valid_from, level=None, reference=entry.require("reference").text(),
                                   note=_text_or_none(entry, "note"), file=entry.file, line=entry.line,
                                   missing=True))
            continue
        if sum(x is not None for x in (percent, derived, by_seats)) != 1:
            raise entry.fail("ange precis ett av percent, derived_from (med share) eller by_seats")
        if derived is not None and share is None:
            raise entry.fail("derived_from behöver share (procent av det uppdragets arvode)")
        yearly_kr = entry.get("yearly_kr")
        if yearly_kr is not None and percent is None:
            raise yearly_kr.fail("yearly_kr anges tillsammans med percent (procenten räknas för nivåer och tak)")
        level_node = entry.get("level")
        level = level_node.integer(minimum=1) if level_node is not None else None
        ey_percent = entry.get("election_year_percent")
        ey_level = entry.get("election_year_level")
        includes = entry.get("includes")
        note = entry.get("note")
        terms.append(
            RoleTerms(
                valid_from=valid_from,
                level=level,
                reference=entry.require("reference").text(),
                percent=percent.decimal() if percent is not None else None,
                derived_from=derived.text() if derived is not None else None,
                share_of_derived=share.decimal() if share is not None else None,
                election_year_percent=ey_percent.decimal() if ey_percent is not None else None,
                election_year_level=ey_level.integer(minimum=1) if ey_level is not None else None,
                includes=tuple(i.text() for i in includes.sequence()) if includes is not None else (),
                note=note.text() if note is not None else None,
                file=entry.file,
                line=entry.line,
                by_seats=_seat_steps(by_seats) if by_seats is not None else (),
                yearly_kr=yearly_kr.decimal() if yearly_kr is not None else None,
            )
        )
    terms.sort(key=lambda t: t.valid_from)
    return Role(
        key=key,
        organ=node.require("organ").text(),
        title=node.require("title").text(),
        terms=tuple(terms),
        no_fee_at=_no_fee_at(no_fee) if no_fee is not None else None,
        place=Placed.of(node),
    )


def _text_or_none(node: Node, key: str) -> str | None:
    child = node.get(key)
    return child.text() if child is not None else None


def _seat_steps(node: Node) -> tuple[SeatStep, ...]:
    """``[{seats: 3, percent: "30"}, …, {seats: 9, percent: "45", per_seat: "5"}]``, by seats."""
    steps = []
    for item in node.sequence():
        item.check_keys({"seats", "percent", "per_seat"})
        per_seat = item.get("per_seat")
        steps.append(SeatStep(item.require("seats").integer(minimum=1), item.require("percent").decimal(),
                              per_seat.decimal() if per_seat is not None else Decimal(0)))
    steps.sort(key=lambda step: step.seats)
    if not steps:
        raise node.fail("by_seats behöver minst ett steg")
    if len({step.seats for step in steps}) != len(steps):
        raise node.fail("två steg för samma antal platser")
    return tuple(steps)
