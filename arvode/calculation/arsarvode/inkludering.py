"""2.3: an årsarvoderad gets no fee for what the årsarvode already pays for.

The level's ``includes`` (rules/…/nivaer.yaml) and the gruppledararvode's
kinds (2.3.6) decide. Reading chosen for what an included event still pays:
2.3 says "förutom ersättning för kostnader (avsnitt 5)", so costs are paid and
förlorad arbetsinkomst (2.2.2, not section 5) is not.
"""

from __future__ import annotations

import attrs

from arvode.calculation.arsarvode.standing import Standing
from arvode.claims.claim import Event
from arvode.rules.load import Rules

__all__ = ["Included", "included"]


@attrs.frozen
class Included:
    rule: str
    text: str


def included(event: Event, rules: Rules, standing: Standing) -> Included | None:
    """Why ``event`` is paid by the official's årsarvode, or None if it is not."""
    if standing.group_leader and event.kind in standing.look.value("gruppledararvode.ingar").value:
        return Included("2.3.6", "Ingår i gruppledararvodet (2.3.6): ingen sammanträdes- eller förrättningsersättning")
    level = rules.levels.get(standing.level) if standing.level is not None else None
    if level is None or event.organ is None:
        return None
    organ = rules.organs[event.organ]
    own = event.organ in standing.own_organs
    why = None
    if level.everything_within_municipality and organ.within_municipality:
        why = "alla uppdrag inom kommunen"
    elif level.everything_in_own_organ and own:
        why = f"alla uppdrag inom {organ.name}s verksamhetsområde"
    else:
        for inclusion in level.includes:
            if inclusion.kind == event.kind and (inclusion.scope == "any_organ" or own):
                own_only = " i eget organ" if inclusion.scope == "own_organ" else ""
                why = f"{rules.kinds[event.kind].name.lower()}{own_only}"
                break
    if why is None:
        return None
    decision = f", särskilt beslut {standing.decision.reference}" if standing.decision else ""
    return Included(
        level.section,
        f"Ingår i årsarvode nivå {level.number}{decision} ({level.section}: {why}): "
        "ingen sammanträdes- eller förrättningsersättning eller förlorad arbetsinkomst; kostnader ersätts (avsnitt 5)",
    )
