"""Swedish names for the keys the claim format fixes in code, not in the rules.

Organs, kinds and roles have their names in the rules set (``name``,
``title``) and the pages take them from there. Line types, election roles and
absence reasons are part of the claim contract (claim-format.md) and have no
name in Piteå's rules, so their Swedish labels live here, in one place. A rules
set may still name line types itself with ``meta.line_types`` (a mapping).
"""

from __future__ import annotations

from collections.abc import Mapping

from arvode import Rules

__all__ = [
    "ABSENCE_REASONS",
    "ELECTION_ROLES",
    "GROUP_LEADER_COVER",
    "LINE_TYPES",
    "PARTICIPATION",
    "line_label",
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
    "total": "Totalt",
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

#: How the official took part in a meeting (2.1.1); the form's own choice, see ``form``.
PARTICIPATION: Mapping[str, str] = {
    "ledamot": "Ledamot",
    "ersattare": "Ersättare, tjänstgjorde",
    "ersattare_ej": "Ersättare, tjänstgjorde inte (bara resa)",
    "sarskilt_kallad": "Ersättare, särskilt kallad",
}

#: A special decision (2.3) may cover the gruppledararvode; the claim names it so.
GROUP_LEADER_COVER = ("group_leader", "Gruppledararvode (2.3.6)")


def line_label(rules: Rules, line_type: str) -> str:
    """The rules set's name for a line type if it gives one, else ours, else the key."""
    own = rules.meta.get("line_types")
    if isinstance(own, Mapping) and isinstance(own.get(line_type), str):
        return str(own[line_type])
    return LINE_TYPES.get(line_type, line_type.replace("_", " ").capitalize())
