"""Suggest the nearest key of the rules set when a claim names one it does not have.

"socialnämnden" is the organ's name, not its key; "protokollsjustering" is how the
regulation spells what the rules call ``protokolljustering``. The CLI and the web page
both answer such a slip with the key meant, so the logic lives here, below both.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

from arvode.base.errors import ArvodeError
from arvode.rules.load import Rules

__all__ = ["nearest_key", "with_suggestion"]

_QUOTED = re.compile(r"'([^']*)'")


def _plain(text: str) -> str:
    """A key or a name as a comparable key: ``Barn- och utbildningsnämnden`` → ``barn_och_utbildningsnamnden``."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9.]+", "_", ascii_only).strip("_")


def _vocabulary(field: str, rules: Rules) -> dict[str, str] | None:
    """Key → name of what ``field`` names, or None when it names none of the rules' keys."""
    last = field.rsplit(".", 1)[-1]
    if last == "organ":
        return {k: v.name for k, v in rules.organs.items()}
    if last == "kind":
        return {k: v.name for k, v in rules.kinds.items()}
    if last == "role" or re.search(r"covers\[\d+\]$", field):
        return {k: v.title for k, v in rules.roles.items()}
    return None


def nearest_key(field: str, value: str, rules: Rules) -> tuple[str, str] | None:
    """The key of the rules set nearest ``value`` for ``field``, by key or by Swedish name."""
    vocabulary = _vocabulary(field, rules)
    if not vocabulary or value in vocabulary:
        return None
    wanted = _plain(value)
    candidates: dict[str, str] = {}
    for key, name in vocabulary.items():
        candidates.setdefault(_plain(key), key)
        candidates.setdefault(_plain(name), key)
    if wanted in candidates:
        key = candidates[wanted]
        return key, vocabulary[key]
    close = difflib.get_close_matches(wanted, list(candidates), n=1, cutoff=0.75)
    if not close:
        return None
    key = candidates[close[0]]
    return key, vocabulary[key]


def with_suggestion(error: ArvodeError, rules: Rules,
                    listed: str = "arvode nycklar visar alla nycklar") -> ArvodeError:
    """``error`` with the nearest key and where the keys are listed, when it is about an unknown key."""
    field = error.location.field if error.location is not None else None
    if not field or _vocabulary(field, rules) is None:
        return error
    quoted = _QUOTED.search(error.problem)
    if quoted is None or quoted.group(1) in (_vocabulary(field, rules) or {}):
        return error
    found = nearest_key(field, quoted.group(1), rules)
    hint = f"menade du {found[0]} ({found[1]})?" if found else ""
    tail = " ".join(part for part in (hint, listed) if part)
    if not tail:
        return error
    try:
        return type(error)(f"{error.problem} — {tail}", error.location)
    except TypeError:  # an error class with another signature keeps its own message
        return error


