"""Percent of the 100 % årsarvode a role carries on a day (2.3.1–2.3.6).

Derived roles (2.3.5: vice ordförande 20 %, utskott ledamot 5 % of the
ordförande's arvode) follow their ordförande, valår included; Valnämnd's
ordförande has one percent in a valår and another otherwise; the
gruppledararvode follows the party's KF seats.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from arvode.base.errors import ClaimError
from arvode.base.money import format_number
from arvode.rules.catalogue import RoleTerms
from arvode.rules.load import Rules
from arvode.rules.lookup import Lookup

__all__ = ["RolePercent", "group_leader_percent", "role_level", "role_percent"]


@attrs.frozen
class RolePercent:
    """A role's percent on a day, with how it was reached (for explanations)."""

    role: str
    percent: Decimal
    level: int | None
    text: str
    reference: str
    #: The yearly kronor the source publishes for the role, paid instead of percent × base.
    yearly_kr: Decimal | None = None


def _election_year(rules: Rules, day: dt.date) -> bool:
    years = rules.value("valar", day).value
    return day.year in years


def _own_percent(rules: Rules, key: str, terms: RoleTerms, day: dt.date,
                 seats: int | None) -> tuple[Decimal, int | None, str]:
    if terms.by_seats:
        return _by_seats(key, terms, seats)
    assert terms.percent is not None
    if terms.election_year_percent is not None and _election_year(rules, day):
        level = terms.election_year_level or terms.level
        return terms.election_year_percent, level, f"valår {day.year}"
    return terms.percent, terms.level, ""


def _by_seats(key: str, terms: RoleTerms, seats: int | None) -> tuple[Decimal, int | None, str]:
    """A percent by the party's KF seats (a step function, the last step growing per seat)."""
    if seats is None:
        raise ClaimError(f"uppdraget {key} ersätts efter partiets platser i fullmäktige: ange seats i uppdraget")
    step = next((s for s in reversed(terms.by_seats) if s.seats <= seats), None)
    if step is None:
        return Decimal(0), terms.level, f"{seats} platser i fullmäktige: under lägsta steget"
    above = seats - step.seats
    percent = step.percent + step.per_seat * above
    held = f"{seats} {'plats' if seats == 1 else 'platser'}"
    lowest = f"{step.seats} {'plats' if step.seats == 1 else 'platser'}"
    how = f"{held} i fullmäktige: {format_number(step.percent)} % från {lowest}"
    if step.per_seat and above:
        how += f" + {above} × {format_number(step.per_seat)} % = {format_number(percent)} %"
    return percent, terms.level, how


def role_percent(rules: Rules, role_key: str, day: dt.date, seats: int | None = None) -> RolePercent:
    """The percent of role ``role_key`` on ``day``, following 2.3.5 derivations (``seats``: the party's)."""
    role = rules.roles[role_key]
    terms = role.at(day)
    if terms.derived_from is None:
        percent, level, why = _own_percent(rules, role_key, terms, day, seats)
        text = f"{role.title} {format_number(percent)} %" + (f" ({why})" if why else "")
        reference = terms.reference
        if terms.election_year_percent is not None and level is not None and level in rules.levels:
            # Valnämnd's ordförande is listed under two levels: cite the one that applies.
            reference = rules.levels[level].section
        fixed = terms.yearly_kr if not why else None  # a valår percent has no published amount
        return RolePercent(role_key, percent, level, text, reference, fixed)
    assert terms.share_of_derived is not None
    base = role_percent(rules, terms.derived_from, day, seats)
    percent = base.percent * terms.share_of_derived / 100
    text = (
        f"{role.title}: {format_number(terms.share_of_derived)} % av {base.text} "
        f"= {format_number(percent)} %"
    )
    return RolePercent(role_key, percent, terms.level, text, terms.reference)


def role_level(rules: Rules, role_key: str, day: dt.date) -> int | None:
    return role_percent(rules, role_key, day).level


def group_leader_percent(look: Lookup, seats: int) -> tuple[Decimal, str]:
    """The party's gruppledararvode in percent for ``seats`` KF seats (2.3.6)."""
    first = look.percent("gruppledararvode.forsta_platsen_procent")
    further = look.percent("gruppledararvode.ovriga_platser_procent")
    percent = first + further * (seats - 1)
    text = (
        f"gruppledararvode {seats} platser: {format_number(first)} % + {seats - 1} × "
        f"{format_number(further)} % = {format_number(percent)} %"
    )
    return percent, text
