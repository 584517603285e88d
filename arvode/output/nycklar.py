"""The keys a claim may use and what they mean (``arvode nycklar``), with the rules set's own names.

"Unknown organ" was all a user got, with no list: the keys were in a contract
file outside the package. This lists them from the rules set itself (organs'
names, kinds' names by category, roles' titles), so the list is right for any
municipality, and the keys the claim format fixes (election roles, absence
reasons, traktamente days and meals) with their Swedish labels.
"""

from __future__ import annotations

from collections.abc import Iterable

from arvode.output.labels import (
    ABSENCE_REASONS,
    ALLOWANCE_DAYS,
    CATEGORIES,
    ELECTION_ROLES,
    FREE_MEALS,
    GROUP_LEADER_COVER,
)
from arvode.output.tabell import Column, Row, render_table, terminal_width, wrap_text
from arvode.rules.load import Rules

__all__ = ["render_keys"]


def _section(title: str, pairs: Iterable[tuple[str, str]], width: int) -> list[str]:
    rows = [Row((key, name)) for key, name in pairs]
    if not rows:
        return []
    return ["", title, *render_table([Column("Nyckel"), Column("Namn", wrap=True)], rows, width)]


def render_keys(rules: Rules, *, width: int | None = None) -> str:
    """Every key of ``rules`` a claim may name, with its Swedish name, by the field it belongs in."""
    width = width or terminal_width()
    municipality = str(rules.meta.get("municipality", rules.name))
    regulation = str(rules.meta.get("regulation", ""))
    out = wrap_text(f"Nycklar i regelsamlingen {rules.name} ({municipality}"
                    + (f", {regulation})" if regulation else ")"), width)
    out += wrap_text("En rapport skriver nyckeln (vänster kolumn), inte namnet. Fältet står i rubriken.", width)
    out += _section("Organ (fältet organ):", ((k, o.name) for k, o in rules.organs.items()), width)
    for category, title in CATEGORIES.items():
        kinds = [(k, v.name) for k, v in rules.kinds.items() if v.category == category]
        out += _section(f"{title} (fältet kind):", kinds, width)
    roles = [(k, v.title) for k, v in rules.roles.items()]
    out += _section("Roller med årsarvode (assignments: role, och special_decisions: covers):", roles, width)
    out += _section("Gruppledararvode i ett särskilt beslut (special_decisions: covers):", [GROUP_LEADER_COVER],
                    width)
    out += _section("Roll vid valförrättning (fältet election_role):", ELECTION_ROLES.items(), width)
    out += _section("Skäl till frånvaro (absences: reason):", ABSENCE_REASONS.items(), width)
    out += _section("Traktamente per dag (travel: allowance: day):", ALLOWANCE_DAYS.items(), width)
    out += _section("Fria måltider (travel: allowance: free_meals):", FREE_MEALS.items(), width)
    out += _gaps(rules, width)
    return "\n".join(out)


def _gaps(rules: Rules, width: int) -> list[str]:
    """What the set does not give (``meta.gaps``), told before a claim that needs it is refused.

    A set built from partial sources refuses whole kinds of claims (lost income where no cap
    is known, travel without a rate); the user should learn that here, not from a refusal.
    """
    given = rules.meta.get("gaps")
    gaps = {str(k): str(v) for k, v in given.items()} if isinstance(given, dict) else {}
    for name, parameter in rules.parameters.items():
        if not parameter.values and name not in gaps:  # declared, still without a dated value
            gaps[name] = f"{parameter.description}: inget värde ännu ({parameter.section})"
    if not gaps:
        return []
    by_reason: dict[str, list[str]] = {}
    for name, reason in gaps.items():
        by_reason.setdefault(reason, []).append(name)
    rows = [Row((", ".join(names), reason)) for reason, names in by_reason.items()]
    title = ("Det här ger regelsamlingen inte (luckor): en rapport som behöver något av det avvisas "
             "med namnet:")
    return ["", *wrap_text(title, width),
            *render_table([Column("Saknas", wrap=True), Column("Varför", wrap=True)], rows, width)]
