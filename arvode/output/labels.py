"""Swedish names for every key a person may see: one place for the CLI, the statement and the web page.

Organs, kinds and roles have their names in the rules set (``name``,
``title``), so a municipality names its own bodies. Line types, payroll kinds,
election roles and absence reasons are part of the claim contract
(claim-format.md) and have no name in the rules sets, so their Swedish labels
live here. A rules set may still name line types itself with ``meta.line_types``
(a mapping). The web page imports these through ``arvode`` (moved here from
``arvode.web.labels`` so the tables and the page cannot drift apart).
"""

from __future__ import annotations

from collections.abc import Mapping

from arvode.rules.load import Rules

__all__ = [
    "ABSENCE_REASONS",
    "ALLOWANCE_DAYS",
    "CATEGORIES",
    "ELECTION_ROLES",
    "FREE_MEALS",
    "GROUP_LEADER_COVER",
    "LINE_TYPES",
    "MONTHS",
    "PARTICIPATION",
    "PAYROLL_KINDS",
    "PAYROLL_TYPES",
    "kind_label",
    "line_label",
    "organ_label",
    "period_label",
    "role_label",
]

#: The line types of claim-format.md, as an official reads them.
LINE_TYPES: Mapping[str, str] = {
    "sammantradesersattning": "Sammanträdesersättning",
    "forrattningsersattning": "Förrättningsersättning",
    "forlorad_arbetsinkomst": "Förlorad arbetsinkomst",
    "forlorad_semesterersattning": "Förlorad semesterersättning",
    "forlorad_semesterdag": "Förlorad semesterdag",
    "forlorad_pensionsforman": "Förlorad pensionsförmån",
    "arsarvode": "Årsarvode",
    "gruppledararvode": "Gruppledararvode",
    "franvaroavdrag": "Frånvaroavdrag",
    "sjuklon": "Sjuklön",
    "foraldraersattning": "Föräldraersättning",
    "valforrattning": "Valförrättning",
    "reseersattning": "Reseersättning",
    "fardtidsersattning": "Färdtidsersättning",
    "traktamente": "Traktamente",
    "barntillsyn": "Barntillsyn",
    "vard_och_tillsyn": "Vård och tillsyn",
    "funktionsnedsattning": "Kostnader vid funktionsnedsättning",
    "ovriga_kostnader": "Övriga kostnader",
    "total": "Totalt",
}

#: Types only payroll writes: a 6.4 deduction is no line of a claim.
PAYROLL_TYPES: Mapping[str, str] = {
    "aterkrav": "Återkrav, avdrag denna månad (6.4)",
}

#: What a payroll line is: a payment, a correction of an earlier month, a 6.4 deduction.
PAYROLL_KINDS: Mapping[str, str] = {
    "betalning": "Betalning",
    "rattelse": "Rättelse",
    "aterkrav": "Återkrav",
}

#: 2.1.1 sammanträden, 2.1.2 förrättningar, 2.2.3 election work: how kinds are grouped.
CATEGORIES: Mapping[str, str] = {
    "sammantrade": "Sammanträden",
    "forrattning": "Förrättningar",
    "valforrattning": "Valförrättning",
}

#: 2.2.3: the roles in a valdistrikt (claim field ``election_role``).
ELECTION_ROLES: Mapping[str, str] = {
    "ordforande": "Ordförande i valdistrikt",
    "vice_ordforande": "Vice ordförande i valdistrikt",
    "valforrattare": "Valförrättare",
    "rostmottagare": "Röstmottagare",
}

#: 3.5 / 3.6: why an årsarvoderad official was away (claim field ``absences[].reason``).
ABSENCE_REASONS: Mapping[str, str] = {
    "sjukdom": "Sjukdom",
    "foraldraledighet": "Föräldraledighet",
    "annat": "Annat",
}

#: 5.1: traktamente days (claim field ``travel.allowance[].day``).
ALLOWANCE_DAYS: Mapping[str, str] = {
    "heldag": "Heldag",
    "halvdag": "Halvdag",
}

#: 5.1: meals that reduce a traktamente day (``travel.allowance[].free_meals``).
FREE_MEALS: Mapping[str, str] = {
    "frukost": "Frukost",
    "lunch": "Lunch",
    "middag": "Middag",
}

#: How the official took part in a meeting (2.1.1); the form's own choice, see ``arvode.web.form``.
PARTICIPATION: Mapping[str, str] = {
    "ledamot": "Ledamot",
    "ersattare": "Ersättare, tjänstgjorde",
    "ersattare_ej": "Ersättare, tjänstgjorde inte (bara resa)",
    "sarskilt_kallad": "Ersättare, särskilt kallad",
}

#: Month names, for a period a person reads ("mars 2025", not "2025-03").
MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)

#: A special decision (2.3) may cover the gruppledararvode; the claim names it so.
GROUP_LEADER_COVER = ("group_leader", "Gruppledararvode")


def _readable(key: str) -> str:
    """A key nobody named, made readable rather than shown raw."""
    return key.replace("_", " ").capitalize()


def line_label(rules: Rules | None, line_type: str) -> str:
    """The rules set's name for a line type if it gives one, else ours, else the key made readable."""
    if rules is not None:
        added = rules.line_types.get(line_type)
        if added is not None:
            return added.name
        own = rules.meta.get("line_types")
        if isinstance(own, Mapping) and isinstance(own.get(line_type), str):
            return str(own[line_type])
    found = LINE_TYPES.get(line_type) or PAYROLL_TYPES.get(line_type)
    return found if found is not None else _readable(line_type)


def organ_label(rules: Rules | None, key: str | None) -> str:
    """An organ's name from the rules set (the key when the set does not know it; empty for none)."""
    if not key:
        return ""
    organ = rules.organs.get(key) if rules is not None else None
    return organ.name if organ is not None else key


def kind_label(rules: Rules | None, key: str) -> str:
    """A kind of event's name from the rules set."""
    kind = rules.kinds.get(key) if rules is not None else None
    return kind.name if kind is not None else _readable(key)


def role_label(rules: Rules | None, key: str) -> str:
    """A role's title from the rules set."""
    role = rules.roles.get(key) if rules is not None else None
    return role.title if role is not None and role.title else key


def period_label(period: str) -> str:
    """``2025-03`` as ``mars 2025``; anything else as it is."""
    year, _, month = period.partition("-")
    if year.isdigit() and month.isdigit() and 1 <= int(month) <= 12:
        return f"{MONTHS[int(month) - 1]} {year}"
    return period
