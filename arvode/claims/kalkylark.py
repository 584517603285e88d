"""Spreadsheets given where a claim or an event file belongs: refused at once, with what to do.

Clerks save from Excel, and an ``.xlsx`` given by mistake used to be read as
YAML and fail on a bad byte somewhere inside the zip ("not UTF-8"), which says
nothing useful. A spreadsheet is recognised by its name (``.xlsx``, ``.xls``,
``.ods`` …) or, for a file named otherwise, by its first bytes (a zip or an OLE2
compound file, which no YAML or CSV file starts with), before anything is
parsed, and refused with the way to save it as the semicolon CSV that payroll
reads. Only regular files are sniffed: reading from a pipe would consume it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from arvode.base.errors import ClaimError, Location

__all__ = ["SPREADSHEET_SUFFIXES", "is_spreadsheet", "refuse_spreadsheet"]

SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xlsb", ".xls", ".xltx", ".ods", ".fods", ".numbers"})
#: A zip archive (xlsx, ods) and an OLE2 compound file (xls from Excel 97–2003).
_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")

_HINT = "spara som CSV (semikolonavgränsad) i Excel (Arkiv > Spara som > CSV (semikolonavgränsad))"


def is_spreadsheet(path: Path) -> bool:
    """Whether ``path`` is a spreadsheet by its name or, for a regular file, its first bytes."""
    if path.suffix.lower() in SPREADSHEET_SUFFIXES:
        return True
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return False
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError:
        return False  # the reader reports a missing or unreadable file in its own words
    return head.startswith(_MAGIC)


def refuse_spreadsheet(path: Path, *, claim: bool = False) -> None:
    """Raise a located ``ClaimError`` when ``path`` is a spreadsheet; ``claim``: where a claim file belongs."""
    if not is_spreadsheet(path):
        return
    if claim:
        what = ("är ett kalkylark, inte en rapport: arvode check läser en rapport i YAML (arvode mall skriver en "
                f"mall); händelser från ett kalkylark läser arvode payroll: {_HINT}")
    else:
        what = f"är ett kalkylark och kan inte läsas: {_HINT} och ange CSV-filen"
    raise ClaimError(what, Location(str(path)))
