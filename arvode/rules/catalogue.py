"""The rules set's vocabulary: organs, kinds of event and roles with årsarvode.

Keys in claims (``socialnamnden``, ``protokolljustering``,
``socialnamnden.ordforande``) must be known here; an unknown key is a claim
error, so an organ outside the municipality is refused unless a rules set adds
it. What each kind pays is named by scheme, and the scheme's shares are dated
parameters (2.2.1, 2.2.2), so the data decides the amounts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

import attrs

from arvode.base.errors import NoRuleInForceError
from arvode.base.yaml import Node

__all__ = [
    "CATEGORIES",
    "FEE_SCHEMES",
    "LOST_INCOME_CAPS",
    "Kind",
    "MeetingOf",
    "Organ",
    "Placed",
    "Role",
    "RoleTerms",
    "organ_chain",
    "parse_kind",
    "parse_organ",
    "parse_role",
]

#: 2.1.1 sammanträden, 2.1.2 förrättningar, 2.2.3 election work.
CATEGORIES = frozenset({"sammantrade", "forrattning", "valforrattning"})
#: 2.2.1: by length (½ up to the threshold, 1/1 over), a fixed share, or per started hour.
FEE_SCHEMES = frozenset({"efter_langd", "fast_andel", "per_paborjad_timme", "ingen"})
#: 2.2.2: cap of lost income by length, a fixed share, or a whole maxbelopp.
LOST_INCOME_CAPS = frozenset({"efter_langd", "fast_andel", "hel", "ingen"})


@attrs.frozen
class Placed:
    """Where a rules entry stands (file, line, and each field's line), for located problems."""

    file: str = ""
    line: int = 0
    fields: Mapping[str, int] = attrs.field(factory=dict)

    def at(self, field: str | None = None) -> tuple[str, int]:
        return self.file, self.fields.get(field, self.line) if field else self.line

    @classmethod
    def of(cls, node: Node) -> Placed:
        return cls(node.file, node.line, {k: c.key_line or c.line for k, c in node.items()})


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

    ``fee_share`` names the parameter of a ``fast_andel`` fee (protokolljustering
    ¼); ``lost_income_share`` likewise for the lost-income cap.
    ``one_per_meeting_of`` is 2.1.2's "högst ett partigruppmöte per
    kommunfullmäktigesammanträde": the organ and kind of the sammanträde prepared.
    """

    key: str
    name: str
    category: str
    fee: str
    lost_income_cap: str
    valid_from: dt.date
    reference: str
    fee_share: str | None = None
    lost_income_share: str | None = None
    one_per_meeting_of: MeetingOf | None = None
    needs_time: bool = True
    place: Placed = attrs.field(factory=Placed, eq=False, repr=False)


@attrs.frozen
class RoleTerms:
    """A role's årsarvode terms from a date (2.3.1–2.3.5)."""

    valid_from: dt.date
    level: int
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


@attrs.frozen
class Role:
    """An årsarvoderat uppdrag with its dated terms."""

    key: str
    organ: str
    title: str
    terms: tuple[RoleTerms, ...]

    place: Placed = attrs.field(factory=Placed, eq=False, repr=False)
    def at(self, day: dt.date) -> RoleTerms:
        current = [t for t in self.terms if t.valid_from <= day]
        if not current:
            first = self.terms[0].valid_from.isoformat() if self.terms else "aldrig"
            raise NoRuleInForceError(
                f"inga regler gäller {day.isoformat()} för uppdraget {self.key} (från {first})"
            )
        return current[-1]


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
        {"name", "category", "fee", "lost_income_cap", "from", "reference", "fee_share",
         "lost_income_share", "one_per_meeting_of", "needs_time", "note"}
    )
    valid_from, reference = _dated_header(node)
    category = node.require("category").text()
    if category not in CATEGORIES:
        raise node.require("category").fail(f"okänd kategori (en av {sorted(CATEGORIES)})")
    fee = node.require("fee").text()
    if fee not in FEE_SCHEMES:
        raise node.require("fee").fail(f"okänd arvodesmodell (en av {sorted(FEE_SCHEMES)})")
    cap = node.require("lost_income_cap").text()
    if cap not in LOST_INCOME_CAPS:
        raise node.require("lost_income_cap").fail(
            f"okänt tak för förlorad arbetsinkomst (ett av {sorted(LOST_INCOME_CAPS)})"
        )
    fee_share = node.get("fee_share")
    cap_share = node.get("lost_income_share")
    if fee == "fast_andel" and fee_share is None:
        raise node.fail("fee 'fast_andel' behöver fee_share (namnet på en parameter)")
    if cap == "fast_andel" and cap_share is None:
        raise node.fail("lost_income_cap 'fast_andel' behöver lost_income_share (namnet på en parameter)")
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
        fee=fee,
        lost_income_cap=cap,
        valid_from=valid_from,
        reference=reference,
        fee_share=fee_share.text() if fee_share is not None else None,
        lost_income_share=cap_share.text() if cap_share is not None else None,
        one_per_meeting_of=meeting,
        needs_time=needs_time.boolean() if needs_time is not None else True,
        place=Placed.of(node),
    )


def parse_role(key: str, node: Node) -> Role:
    node.check_keys({"organ", "title", "values", "note"})
    terms: list[RoleTerms] = []
    for date_key, entry in node.require("values").items():
        try:
            valid_from = dt.date.fromisoformat(date_key)
        except ValueError:
            raise entry.fail(f"{date_key!r} är inte ett datum ÅÅÅÅ-MM-DD") from None
        entry.check_keys(
            {"percent", "derived_from", "share", "level", "election_year_percent",
             "election_year_level", "includes", "reference", "note"}
        )
        percent = entry.get("percent")
        derived = entry.get("derived_from")
        share = entry.get("share")
        if (percent is None) == (derived is None):
            raise entry.fail("ange antingen percent eller derived_from (med share), inte båda")
        if derived is not None and share is None:
            raise entry.fail("derived_from behöver share (procent av det uppdragets arvode)")
        level_node = entry.require("level")
        level = level_node.integer(minimum=1)
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
            )
        )
    terms.sort(key=lambda t: t.valid_from)
    return Role(
        key=key,
        organ=node.require("organ").text(),
        title=node.require("title").text(),
        terms=tuple(terms),
        place=Placed.of(node),
    )
