"""Tables that fit the terminal: columns wrap at spaces, the explanation wraps under its line.

An explained line is long (233 characters in example 01) and the organs' and
types' Swedish names are several words; a table that never wraps is read by
scrolling sideways. Here the fixed columns (numbers, dates, amounts) keep their
width, the columns marked ``wrap`` share what is left and wrap between words
(a word is never cut: ``Samhällsbyggnadsnämnden`` stays whole), and a row's
``below`` text is wrapped to the full width, indented under the row.
"""

from __future__ import annotations

import os
import re
import shutil
import textwrap
from collections.abc import Sequence

import attrs

__all__ = ["Column", "Row", "render_table", "table_width", "terminal_width", "wrap_text"]

#: Width when the output is not a terminal (a file, a pipe): wide enough for a line and its amount.
FALLBACK_WIDTH = 100
#: Narrower than this nothing is readable; a narrower terminal gets this width and scrolls.
MIN_WIDTH = 40
GAP = "  "


def terminal_width() -> int:
    """The terminal's width (``COLUMNS`` first, as ``shutil`` reads it), never below ``MIN_WIDTH``."""
    columns = shutil.get_terminal_size((FALLBACK_WIDTH, 24)).columns
    if columns <= 0:  # some CI terminals report 0
        columns = int(os.environ.get("COLUMNS", "0") or 0) or FALLBACK_WIDTH
    return max(columns, MIN_WIDTH)


@attrs.frozen
class Column:
    """A column's head, its alignment and whether its cells may wrap between words."""

    head: str
    right: bool = False
    wrap: bool = False


@attrs.frozen
class Row:
    """A row's cells and the text wrapped under it (an explanation, a reason)."""

    cells: tuple[str, ...]
    below: str = ""


#: Spaces that hold a number together: thousands (``1 173,00``) and a number and its unit (``4,5 h``).
_UNBREAKABLE = re.compile(r"(?<=\d) (?=\d{3}(?!\d))|(?<=\d) (?=(?:kr|h|min|km|%|öre|dagar|dag)\b)")
_HOLD = "\u00a0"


def wrap_text(text: str, width: int, indent: str = "") -> list[str]:
    """``text`` wrapped to ``width`` between words, every line indented; long words are kept whole.

    ``1 173,00 kr`` is never split over two lines: a reader would take ``1`` and
    ``173,00 kr`` for two amounts.
    """
    held = _UNBREAKABLE.sub(_HOLD, text.replace(_HOLD, " "))
    lines = textwrap.wrap(
        held, max(width, len(indent) + 10), initial_indent=indent, subsequent_indent=indent,
        break_long_words=False, break_on_hyphens=False,
    )
    return [line.replace(_HOLD, " ") for line in lines]


def _longest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=0)


def _widths(columns: Sequence[Column], rows: Sequence[Row], width: int) -> list[int]:
    natural = [max([len(c.head)] + [len(r.cells[i]) for r in rows]) for i, c in enumerate(columns)]
    total = sum(natural) + len(GAP) * (len(columns) - 1)
    if total <= width:
        return natural
    least = [
        max([_longest_word(c.head)] + [_longest_word(r.cells[i]) for r in rows]) if c.wrap else natural[i]
        for i, c in enumerate(columns)
    ]
    room = width - len(GAP) * (len(columns) - 1) - sum(n for n, c in zip(natural, columns, strict=True)
                                                        if not c.wrap)
    flexible = [i for i, c in enumerate(columns) if c.wrap]
    widths = list(natural)
    for i in flexible:
        widths[i] = least[i]
    spare = room - sum(least[i] for i in flexible)
    # What is left goes to the wrapping columns in proportion to what they lack.
    lacking = {i: natural[i] - least[i] for i in flexible}
    wanted = sum(lacking.values())
    if spare > 0 and wanted > 0:
        for i in flexible:
            widths[i] += min(lacking[i], spare * lacking[i] // wanted)
    return widths


def _cell_lines(text: str, width: int, wrap: bool) -> list[str]:
    if not wrap or len(text) <= width:
        return [text]
    return wrap_text(text, width) or [text]


def _lines(cells: Sequence[str], columns: Sequence[Column], widths: Sequence[int]) -> list[str]:
    wrapped = [_cell_lines(text, w, c.wrap) for text, w, c in zip(cells, widths, columns, strict=True)]
    height = max(len(w) for w in wrapped)
    out = []
    for n in range(height):
        parts = []
        for lines, w, c in zip(wrapped, widths, columns, strict=True):
            text = lines[n] if n < len(lines) else ""
            parts.append(text.rjust(w) if c.right else text.ljust(w))
        out.append(GAP.join(parts).rstrip())
    return out


def table_width(columns: Sequence[Column], rows: Sequence[Row], width: int) -> int:
    """How wide the table is when fitted to ``width`` (wider when its words cannot fit)."""
    return sum(_widths(columns, rows, width)) + len(GAP) * (len(columns) - 1)


def render_table(columns: Sequence[Column], rows: Sequence[Row], width: int, *, indent: int = 4) -> list[str]:
    """The head and every row, fitted to ``width``; a row's ``below`` text is indented by ``indent``."""
    widths = _widths(columns, rows, width)
    out = _lines([c.head for c in columns], columns, widths)
    for row in rows:
        out += _lines(row.cells, columns, widths)
        if row.below:
            out += wrap_text(row.below, width, " " * indent)
    return out
