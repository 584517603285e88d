"""Årsarvode levels (nivå 1–4, 2.3.1–2.3.4): their bounds and what they include.

A level's bounds are ``above_percent`` (exclusive) or ``from_percent``
(inclusive: "minst 40 procent"), and ``up_to_percent`` (inclusive)
or ``below_percent`` (exclusive). Its ``includes`` lists the kinds of event its
årsarvode already pays for, by scope: ``own_organ`` (the organs of the official's own roles, with the
organs they are part of) or ``any_organ``; ``everything_within_municipality``
and ``everything_in_own_organ`` include every kind. Such events pay no fee;
the line says so with the level's section.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from arvode.base.yaml import Node
from arvode.rules.catalogue import Placed

__all__ = ["SCOPES", "Inclusion", "Level", "parse_level"]

SCOPES = frozenset({"own_organ", "any_organ"})


@attrs.frozen
class Inclusion:
    kind: str
    scope: str


@attrs.frozen
class Level:
    number: int
    section: str
    above_percent: Decimal
    up_to_percent: Decimal | None
    valid_from: dt.date
    reference: str
    includes: tuple[Inclusion, ...] = ()
    everything_within_municipality: bool = False
    everything_in_own_organ: bool = False
    place: Placed = attrs.field(factory=Placed, eq=False, repr=False)
    #: The lower bound belongs to the level (``from_percent``), the upper one does not (``below_percent``).
    from_inclusive: bool = False
    up_to_inclusive: bool = True
    #: How a line names the level ("nivå 2", "som årsarvoderad med minst 40 procent").
    name: str = ""
    #: What an included event still pays, as the line says it ("kostnader ersätts (avsnitt 5)").
    paid_besides: str = "kostnader ersätts"

    def holds(self, total: Decimal) -> bool:
        """Whether a total percent of årsarvoden falls in this level."""
        low = total >= self.above_percent if self.from_inclusive else total > self.above_percent
        if self.up_to_percent is None:
            return low
        high = total <= self.up_to_percent if self.up_to_inclusive else total < self.up_to_percent
        return low and high


def parse_level(number: int, node: Node) -> Level:
    node.check_keys(
        {"section", "above_percent", "from_percent", "up_to_percent", "below_percent", "from", "reference",
         "includes", "everything_within_municipality", "everything_in_own_organ", "note", "name", "paid_besides"}
    )
    if (node.get("above_percent") is None) == (node.get("from_percent") is None):
        raise node.fail("ange antingen above_percent eller from_percent (den lägre gränsen)")
    if node.get("up_to_percent") is not None and node.get("below_percent") is not None:
        raise node.fail("ange antingen up_to_percent eller below_percent (den övre gränsen), inte båda")
    includes: list[Inclusion] = []
    inc = node.get("includes")
    if inc is not None:
        for item in inc.sequence():
            item.check_keys({"kind", "scope"})
            scope = item.require("scope").text()
            if scope not in SCOPES:
                raise item.require("scope").fail(f"okänd omfattning (en av {', '.join(map(str, sorted(SCOPES)))})")
            includes.append(Inclusion(kind=item.require("kind").text(), scope=scope))
    from_inclusive = node.get("from_percent") is not None
    below = node.get("below_percent")
    up_to = below if below is not None else node.get("up_to_percent")
    everything = node.get("everything_within_municipality")
    own = node.get("everything_in_own_organ")
    return Level(
        number=number,
        section=node.require("section").text(),
        above_percent=node.require("from_percent" if from_inclusive else "above_percent").decimal(),
        up_to_percent=up_to.decimal() if up_to is not None and up_to.value is not None else None,
        valid_from=node.require("from").date(),
        reference=node.require("reference").text(),
        includes=tuple(includes),
        everything_within_municipality=everything.boolean() if everything is not None else False,
        everything_in_own_organ=own.boolean() if own is not None else False,
        place=Placed.of(node),
        from_inclusive=from_inclusive,
        up_to_inclusive=below is None,
        name=_text(node, "name") or f"nivå {number}",
        paid_besides=_text(node, "paid_besides") or "kostnader ersätts",
    )


def _text(node: Node, key: str) -> str | None:
    child = node.get(key)
    return child.text() if child is not None else None
