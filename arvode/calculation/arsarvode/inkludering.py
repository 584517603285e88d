"""2.3: an årsarvoderad gets no fee for what the årsarvode already pays for.

The level's ``includes`` (rules/…/nivaer.yaml) and the gruppledararvode's
kinds (2.3.6) decide. Reading chosen for what an included event still pays:
2.3 says "förutom ersättning för kostnader (avsnitt 5)", so costs are paid and
förlorad arbetsinkomst (2.2.2, not section 5) is not.

Which organs are the official's own follows the organs' ``part_of``: an
organ's own scope (2.3.4 "det kommunala organ den förtroendevalde själv
tillhör") is the organs of the official's roles and what they are part of (a
KSAPU ledamot belongs to Kommunstyrelsen too); nivå 2's "alla åtaganden inom
nämndens verksamhetsområde" (2.3.2), and a special decision's "alla
nämndinterna uppdrag", is the whole nämnd: the top of that chain and every
organ part of it.
"""

from __future__ import annotations

import attrs

from arvode.calculation.arsarvode.roller import role_percent
from arvode.calculation.arsarvode.standing import Standing
from arvode.claims.claim import Event, Official
from arvode.rules.catalogue import organ_chain
from arvode.rules.load import Rules

__all__ = ["Included", "included", "no_fee_for"]


@attrs.frozen
class Included:
    rule: str
    text: str


def _namnd_area(event_organ: str, standing: Standing, rules: Rules) -> str | None:
    """Why ``event_organ`` is within the nämnd of one of the official's organs, or None."""
    if event_organ in standing.own_organs:
        return f"alla uppdrag inom {rules.organs[event_organ].name}s verksamhetsområde"
    top = organ_chain(rules.organs, event_organ)[-1]
    own = sorted(o for o in standing.own_organs if organ_chain(rules.organs, o)[-1] == top)
    if not own:
        return None
    namnd = rules.organs[top].name
    links = {o for o in (event_organ, *own) if o != top}
    how = "; ".join(f"{rules.organs[o].name} ingår i {namnd}" for o in sorted(links))
    return f"alla uppdrag inom {namnd}s verksamhetsområde; {how}"


def _own_organ(event_organ: str, standing: Standing, rules: Rules) -> bool:
    """2.3.4: the organ the official belongs to, or one that organ is part of."""
    return any(event_organ in organ_chain(rules.organs, o) for o in standing.own_organs)


def included(event: Event, rules: Rules, standing: Standing) -> Included | None:
    """Why ``event`` is paid by the official's årsarvode, or None if it is not."""
    if standing.group_leader and event.kind in standing.look.value("gruppledararvode.ingar").value:
        return Included("2.3.6", "Ingår i gruppledararvodet (2.3.6): ingen sammanträdes- eller förrättningsersättning")
    level = rules.levels.get(standing.level) if standing.level is not None else None
    if level is None or event.organ is None:
        return None
    organ = rules.organs[event.organ]
    own = _own_organ(event.organ, standing, rules)
    why = None
    if level.everything_within_municipality and organ.within_municipality:
        why = "alla uppdrag inom kommunen"
    elif level.everything_in_own_organ:
        why = _namnd_area(event.organ, standing, rules)
    if why is None:
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
        f"Ingår i årsarvode {level.name}{decision} ({level.section}: {why}): "
        f"ingen sammanträdes- eller förrättningsersättning eller förlorad arbetsinkomst; {level.paid_besides}",
    )


def no_fee_for(event: Event, official: Official, rules: Rules) -> Included | None:
    """A role held on the day that bars the fee for this meeting (``no_fee_at``), or None.

    Checked whatever the official's level, and whether they serve or attend as a substitute:
    a role under the level threshold may still be barred from the fee of one organ's
    meetings (an oppositionsråd at the KS's). A role at 0 % bars nothing.
    """
    if event.organ is None:
        return None
    for assignment in official.assignments:
        if assignment.valid_from > event.date or (assignment.valid_to is not None and assignment.valid_to < event.date):
            continue
        role = rules.roles.get(assignment.role)
        if role is None or role.no_fee_at is None:
            continue
        bar = role.no_fee_at
        if event.organ in bar.organs and event.kind in bar.kinds:
            if role_percent(rules, assignment.role, event.date, assignment.seats).percent <= 0:
                continue  # a role that pays nothing (an oppositionsråd of 1–2 seats) is no such role
            return Included(
                bar.section,
                f"Ingen sammanträdesersättning som {role.title.lower()} för {rules.kinds[event.kind].name.lower()} "
                f"i {rules.organs[event.organ].name} ({bar.section}; {bar.reference})",
            )
    return None
