"""Section 1: which organ bears the cost of a line.

"Kostnaderna för arvoden och ersättningar belastar den nämnd eller den instans
den förtroendevalde vid varje tillfälle representerar." An event's lines are
borne by the event's organ; election work (which names none) by the organ the
rules name (``kostnadsbarare.valforrattning``: Valnämnden); an årsarvode by its
role's organ; gruppledararvode by ``kostnadsbarare.gruppledararvode``. A line
that is a share of several events' lost income (3.2 a, 4.2) is split by organ,
each part its share of the rounded total, so the parts add up to it exactly.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from arvode.base.money import ORE
from arvode.claims.claim import Event
from arvode.rules.declaration import ParameterTable

__all__ = ["event_organ", "split_by_organ"]


def event_organ(event: Event, table: ParameterTable) -> str:
    """The organ that bears an event's lines."""
    return event.organ if event.organ is not None else table.kostnadsbarare_valforrattning.value


def split_by_organ(total: Decimal, weights: Mapping[str, Decimal]) -> list[tuple[str, Decimal]]:
    """``total`` (whole öre) shared by ``weights`` (largest remainder), parts adding up exactly.

    Organs are taken in the order given; a tie in the remainder goes to the earlier one.
    """
    whole = sum(weights.values(), Decimal(0))
    if len(weights) == 1 or whole == 0:
        first = next(iter(weights), "")
        return [(first, total)]
    in_ore = int(total / ORE)
    exact = {organ: Decimal(in_ore) * weight / whole for organ, weight in weights.items()}
    floors = {organ: int(value) for organ, value in exact.items()}
    left = in_ore - sum(floors.values())
    order = sorted(weights, key=lambda organ: (-(exact[organ] - floors[organ]), list(weights).index(organ)))
    for organ in order[:left]:
        floors[organ] += 1
    return [(organ, Decimal(floors[organ]) * ORE) for organ in weights if floors[organ]]
