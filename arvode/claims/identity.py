"""Who an official is: one id, however a clerk or a time-reporting export spells it.

Payroll pays per official id, so two spellings of one person (``p-1``/``P-1``,
NFC/NFD ``å``, a trailing zero-width space, fullwidth letters) would pay an
årsarvode twice or slip past an inclusion. An id is therefore normalised (NFC,
surrounding white space trimmed); ids holding invisible or control characters
are refused outright; and ids that differ only in case or in compatibility
forms (fullwidth ``ｐ``) are *look-alikes*: they collide and are refused with
the place of both, rather than silently merged or kept apart.
"""

from __future__ import annotations

import unicodedata

__all__ = ["lookalike_key", "normalize_id"]

#: Unicode categories no id may contain: controls, format characters (zero-width
#: space and joiners, BOM, bidi overrides), line and paragraph separators, unassigned.
_FORBIDDEN = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def normalize_id(text: str) -> str:
    """The id as stored and compared: NFC, trimmed; ValueError for invisible characters."""
    value = unicodedata.normalize("NFC", text).strip()
    if not value:
        raise ValueError("id får inte vara tomt")
    for char in value:
        category = unicodedata.category(char)
        if category in _FORBIDDEN or (char.isspace() and char != " "):
            raise ValueError(
                f"id innehåller ett osynligt tecken eller styrtecken (U+{ord(char):04X}); "
                "skriv id:t med synliga tecken"
            )
    return value


def lookalike_key(identifier: str) -> str:
    """Ids with the same key are one person to a reader: case and compatibility forms folded."""
    return unicodedata.normalize("NFKC", identifier).casefold()
