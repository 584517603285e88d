"""An official's årsarvode standing on a day: components, level, own organs.

From the claim's assignments, gruppledaruppdrag and special decisions, this
says which årsarvoden run on a day (2.3, 2.3.5, 2.3.6), which a special
decision replaces (2.3: "har företräde över grundnivåerna"), which level the
official counts as (2.3.1–2.3.4 by the total; a special decision: nivå 2) and
which organs are their own (for what the level includes).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from arvode.base.money import format_kr, format_number, times
from arvode.calculation.arsarvode.roller import group_leader_percent, role_percent
from arvode.claims.claim import GROUP_LEADER, Official, SpecialDecision
from arvode.rules.load import Rules
from arvode.rules.lookup import Lookup

__all__ = ["Component", "Standing", "UnderMinimum", "standing_on"]


@attrs.frozen
class Component:
    """One årsarvode running on a day, with its yearly amount rounded to öre."""

    key: str
    type: str
    rule: str
    percent: Decimal
    yearly: Decimal
    text: str
    organ: str | None = None
    acting_for: str | None = None


@attrs.frozen
class UnderMinimum:
    """2.3 "minst 40 procent": a decision whose covered uppdrag sum to less, and what was done."""

    decision: SpecialDecision
    straight: Decimal
    least: Decimal
    paid: bool

    @property
    def text(self) -> str:
        done = (
            "beslutet betalas ändå (2.3: det särskilda beslutet har företräde över grundnivåerna)"
            if self.paid
            else "beslutet tillämpas inte, tabellens arvoden betalas (sarskilt_beslut.betalas_under_minst)"
        )
        return (
            f"särskilt beslut {self.decision.reference}: rak summa av täckta uppdrag "
            f"{format_number(self.straight)} % är under {format_number(self.least)} % (2.3: om de "
            f"tillsammans uppgår till minst {format_number(self.least)} procent); {done}"
        )


@attrs.frozen
class Standing:
    day: dt.date
    components: tuple[Component, ...]
    level: int | None
    own_organs: frozenset[str]
    group_leader: bool
    decision: SpecialDecision | None
    look: Lookup = attrs.field(eq=False, repr=False)
    #: The straight sum of the uppdrag the decision in force covers (2.3), else None.
    straight_percent: Decimal | None = None
    #: A decision of the day whose straight sum is under 2.3's minimum, paid or set aside.
    under_minimum: UnderMinimum | None = None


def _active(start: dt.date, end: dt.date | None, day: dt.date) -> bool:
    return start <= day and (end is None or day <= end)


def _yearly(percent: Decimal, look: Lookup) -> tuple[Decimal, str]:
    base = look.amount("arsarvode")
    yearly = look.round(times(base, percent / 100))
    return yearly, f"{format_number(percent)} % × {format_kr(base)} = {format_kr(yearly)} per år"


def _level_by_total(rules: Rules, total: Decimal) -> int | None:
    if total <= 0:
        return None
    for number, level in sorted(rules.levels.items()):
        if level.holds(total):
            return number
    return None


def _included_roles(rules: Rules, held: list[str], day: dt.date) -> dict[str, str]:
    """Held roles whose arvode another held role includes, each with the reason.

    2.3.5: the vice ordförande's arvode "inkluderar eventuellt arvode för plats i
    utskott"; which role includes which is data (``includes`` in the role's terms).
    """
    inside: dict[str, str] = {}
    for key in held:
        terms = rules.roles[key].at(day)
        for included in terms.includes:
            if included in held:
                inside.setdefault(included, f"ingår i arvodet som {rules.roles[key].title} ({terms.reference})")
    return inside


@attrs.frozen
class _DecisionState:
    """The special decision of a day: in force, or lapsed with the reason (2.3)."""

    decision: SpecialDecision | None
    lapsed: str | None = None
    until: str = ""


def _ended(official: Official, rules: Rules, key: str, day: dt.date) -> str:
    """Why a covered uppdrag is not held on ``day``, in words for the line."""
    if key == GROUP_LEADER:
        leader = official.group_leader
        ends = [leader.valid_to] if leader is not None and leader.valid_to is not None else []
        name = "gruppledaruppdraget"
    else:
        ends = [a.valid_to for a in official.assignments if a.role == key and a.valid_to is not None]
        name = rules.roles[key].title
    past = [e for e in ends if e < day]
    return f"{name} upphörde {max(past)}" if past else f"{name} innehas inte"


def _decision_on(official: Official, rules: Rules, day: dt.date, look: Lookup, held: set[str]) -> _DecisionState:
    """The special decision in force on ``day``, if any (2.3).

    A decision is given to an official "som innehar fler än ett kommunalt
    uppdrag": read (parameter ``sarskilt_beslut.galler_medan``) as in force
    only while every uppdrag it covers is held, besides its own from/to. From
    the day one ends, the straight table applies to what is still held, and
    the lines say why.
    """
    decisions = [d for d in official.special_decisions if _active(d.valid_from, d.valid_to, day)]
    if not decisions:
        return _DecisionState(None)
    decision = decisions[-1]
    reading = look.value("sarskilt_beslut.galler_medan").value
    if reading not in {"samtliga_uppdrag_innehas", "beslutets_period"}:
        raise ValueError(f"okänt värde för sarskilt_beslut.galler_medan: {reading!r}")
    if reading == "beslutets_period":
        return _DecisionState(decision)
    missing = [k for k in decision.covers if k not in held]
    if missing:
        why = "; ".join(_ended(official, rules, k, day) for k in missing)
        return _DecisionState(None, (
            f"särskilt beslut {decision.reference} gäller inte från {day}: {why} (2.3: beslut "
            "för förtroendevald som innehar fler än ett kommunalt uppdrag); rak summa av de "
            "uppdrag som fortfarande innehas"))
    ends: list[tuple[dt.date, str]] = []
    if decision.valid_to is not None:
        ends.append((decision.valid_to, "beslutets slutdag"))
    for key in decision.covers:
        if key == GROUP_LEADER:
            leader = official.group_leader
            if leader is not None and leader.valid_to is not None:
                ends.append((leader.valid_to, "gruppledaruppdraget upphör"))
            continue
        for a in official.assignments:
            if a.role == key and _active(a.valid_from, a.valid_to, day) and a.valid_to is not None:
                ends.append((a.valid_to, f"{rules.roles[key].title} upphör"))
    until = ""
    if ends:
        last = min(e for e, _ in ends)
        whys = ", ".join(w for e, w in ends if e == last)
        until = f"; gäller till och med {last} ({whys}; 2.3: medan samtliga täckta uppdrag innehas)"
    return _DecisionState(decision, None, until)


def standing_on(official: Official, rules: Rules, day: dt.date) -> Standing:
    """The official's årsarvoden and level on ``day``."""
    return _standing(official, rules, day, None)


def _standing(
    official: Official, rules: Rules, day: dt.date, set_aside: str | None,
    under: UnderMinimum | None = None,
) -> Standing:
    """``standing_on``; ``set_aside`` is why the day's decision is not applied, if it is not."""
    look = Lookup(rules, day)
    active = [a for a in official.assignments if _active(a.valid_from, a.valid_to, day)]
    leader = official.group_leader
    leader_active = leader is not None and _active(leader.valid_from, leader.valid_to, day)
    held = {a.role for a in active} | ({GROUP_LEADER} if leader_active else set())
    state = _decision_on(official, rules, day, look, held)
    if set_aside is not None:
        state = _DecisionState(None, set_aside)
    decision = state.decision
    dated = [d for d in official.special_decisions if _active(d.valid_from, d.valid_to, day)]
    # The uppdrag a decision of these dates would cover, to say on their lines why it does not.
    lapsed_covers = set(dated[-1].covers) if dated and state.lapsed else set()
    lapsed = f"; {state.lapsed}" if state.lapsed else ""
    covered = set(decision.covers) if decision else set()
    components: list[Component] = []
    organs: set[str] = set()
    roles_total = Decimal(0)
    straight: list[tuple[str, Decimal]] = []
    inside = _included_roles(rules, [a.role for a in active], day)
    for assignment in active:
        rp = role_percent(rules, assignment.role, day, assignment.seats)
        if assignment.role in inside:
            rp = attrs.evolve(rp, percent=Decimal(0), text=f"{rp.text}, {inside[assignment.role]}")
        organ = rules.roles[assignment.role].organ
        organs.add(organ)
        if assignment.role in covered:
            straight.append((rp.text, rp.percent))
            continue
        roles_total += rp.percent
        if rp.yearly_kr is not None:
            yearly = rp.yearly_kr
            how = f"{format_kr(yearly)} per år (beloppet som källan anger för uppdraget)"
        else:
            yearly, how = _yearly(rp.percent, look)
        rule = "3.5" if assignment.acting_for else rp.reference.split(";")[0].strip()
        text = f"{rp.text}: {how}"
        if assignment.acting_for:
            text = f"Tillfälligt arvode i stället för {assignment.acting_for} (3.5): {text}"
        if assignment.role in lapsed_covers:
            text += lapsed
        components.append(
            Component(assignment.role, "arsarvode", rule, rp.percent, yearly, text, organ, assignment.acting_for)
        )
    if leader is not None and leader_active:
        party_percent, how = group_leader_percent(look, leader.seats)
        percent = party_percent * leader.share
        text = f"{how} för {leader.party}; andel {format_number(leader.share)} = {format_number(percent)} %"
        if GROUP_LEADER in covered:
            straight.append((text, percent))
        else:
            yearly, money = _yearly(percent, look)
            organ = look.value("kostnadsbarare.gruppledararvode").value
            extra = lapsed if GROUP_LEADER in lapsed_covers else ""
            components.append(
                Component(GROUP_LEADER, "gruppledararvode", "2.3.6", percent, yearly,
                          f"{text}: {money}{extra}", organ)
            )
    straight_total = sum((p for _, p in straight), Decimal(0))
    if decision is not None:
        least = look.percent("sarskilt_beslut.minst_procent")
        if straight_total < least:
            paid = look.value("sarskilt_beslut.betalas_under_minst").value
            under = UnderMinimum(decision, straight_total, least, paid)
            if not paid:
                return _standing(official, rules, day, under.text, under)
        covered_organs = [rules.roles[k].organ for k in decision.covers if k in rules.roles]
        components.extend(
            _decision_components(decision, straight, components, look, covered_organs, state.until)
        )
        level: int | None = look.integer("sarskilt_beslut.niva")
    else:
        level = _level_by_total(rules, roles_total)
        if look.value("sarskilt_beslut.tak_utan_beslut").value:
            components.extend(_cap(components, look))
    return Standing(
        day=day,
        components=tuple(components),
        level=level,
        own_organs=frozenset(organs),
        group_leader=leader_active,
        decision=decision,
        look=look,
        straight_percent=straight_total if decision is not None else None,
        under_minimum=under,
    )


def _decision_components(
    decision: SpecialDecision,
    straight: list[tuple[str, Decimal]],
    others: list[Component],
    look: Lookup,
    covered_organs: list[str],
    until: str = "",
) -> list[Component]:
    """2.3 särskilt beslut: one percent for the covered roles, within the 75 % cap."""
    total = sum((p for _, p in straight), Decimal(0))
    parts = " + ".join(f"{format_number(p)} %" for _, p in straight) or "0 %"
    least = look.percent("sarskilt_beslut.minst_procent")
    below = "" if total >= least else (
        f" (under {format_number(least)} %, 2.3: minst {format_number(least)} procent; beslutet "
        "betalas ändå, det särskilda beslutet har företräde över grundnivåerna)")
    yearly, how = _yearly(decision.percent, look)
    text = (
        f"Särskilt beslut {decision.reference}: rak summa av täckta uppdrag "
        f"({'; '.join(t for t, _ in straight)}) = {parts} = {format_number(total)} %{below}; "
        f"beslutat {format_number(decision.percent)} %: {how}{until}"
    )
    organ = covered_organs[0] if covered_organs else look.value("kostnadsbarare.gruppledararvode").value
    result = [Component(f"beslut:{decision.reference}", "arsarvode", "2.3", decision.percent, yearly, text, organ)]
    return result + _cap([*others, *result], look)


def _cap(components: list[Component], look: Lookup) -> list[Component]:
    """The cap on the total including gruppledararvode (2.3), as a negative part.

    A role exempt from the cap (``arsarvode.tak_undantag``: a KS ordförande at 100 %
    above an 85 % cap) raises the holder's cap to that role's own percent instead of
    lifting it: "kan aldrig uppgå till högre belopp" still bounds everyone, and the
    role that stands above the cap is the highest a person can reach.
    """
    found = look.value("sarskilt_beslut.tak_procent")
    cap = found.value
    total = sum((c.percent for c in components), Decimal(0))
    if total <= cap:
        return []
    exempt = set(look.value("arsarvode.tak_undantag").value)
    outside = [c for c in components if c.key in exempt]
    raised = ""
    if outside:
        own = max(c.percent for c in outside)
        if own > cap:
            cap = own
            raised = f" ({outside[0].text.split(':')[0]} står utanför det vanliga taket; taket är uppdragets egna " \
                     f"{format_number(own)} %)"
        if total <= cap:
            return []
    over = total - cap
    yearly, how = _yearly(over, look)
    yearly = -yearly
    text = (
        f"Tak {found.section}: sammanlagt {format_number(total)} % inklusive gruppledararvode får inte "
        f"överstiga {format_number(cap)} %{raised}; avdrag {how}"
    )
    organ = next((c.organ for c in components if c.organ), None)
    return [Component("tak", "arsarvode", found.section, -over, yearly, text, organ)]
