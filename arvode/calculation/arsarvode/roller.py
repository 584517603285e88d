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
    level: int
    text: str
    reference: str


def _election_year(rules: Rules, day: dt.date) -> bool:
    years = rules.value("valar", day).value
    return day.year in years


def _own_percent(rules: Rules, terms: RoleTerms, day: dt.date) -> tuple[Decimal, int, str]:
    assert terms.percent is not None
    if terms.election_year_percent is not None and _election_year(rules, day):
        level = terms.election_year_level or terms.level
        return terms.election_year_percent, level, f"valår {day.year}"
    return terms.percent, terms.level, ""


def role_percent(rules: Rules, role_key: str, day: dt.date) -> RolePercent:
    """The percent of role ``role_key`` on ``day``, following 2.3.5 derivations."""
    role = rules.roles[role_key]
    terms = role.at(day)
    if terms.derived_from is None:
        percent, level, why = _own_percent(rules, terms, day)
        text = f"{role.title} {format_number(percent)} %" + (f" ({why})" if why else "")
        reference = terms.reference
        if terms.election_year_percent is not None and level in rules.levels:
            # Valnämnd's ordförande is listed under two levels: cite the one that applies.
            reference = rules.levels[level].section
        return RolePercent(role_key, percent, level, text, reference)
    assert terms.share_of_derived is not None
    base = role_percent(rules, terms.derived_from, day)
    percent = base.percent * terms.share_of_derived / 100
    text = (
        f"{role.title}: {format_number(terms.share_of_derived)} % av {base.text} "
        f"= {format_number(percent)} %"
    )
    return RolePercent(role_key, percent, terms.level, text, terms.reference)


def role_level(rules: Rules, role_key: str, day: dt.date) -> int:
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
