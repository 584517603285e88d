"""Wrapped text for CLI reports that are not tables (the testfall report)."""

from __future__ import annotations

import shutil
import textwrap

__all__ = ["wrapped"]


def wrapped(text: str, indent: str, hanging: int) -> list[str]:
    """``text`` wrapped to the terminal; lines after the first start at column ``hanging``."""
    width = max(shutil.get_terminal_size((100, 24)).columns, 40)
    return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=" " * hanging,
                         break_long_words=False, break_on_hyphens=False)
