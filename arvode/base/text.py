"""Text that is safe to show: no control character from an input reaches a terminal.

An official's id or name, a reference or a reason comes from files anyone can
write; echoed raw, an escape sequence in it can retitle or clear the operator's
terminal or hide a line. Inputs refuse such characters where they cannot
belong; everything the CLI prints passes through ``visible`` as a second line of
defence, which shows a control character as its ``\\xNN`` / ``\\uNNNN`` escape.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TextIO

__all__ = ["VisibleStream", "invisible_character", "visible"]

#: C0 and C1 controls but newline and tab, DEL, bidi controls and other format characters.
_HIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every control or invisible format character written as its escape."""
    return _HIDDEN.sub(_escape, text)


def invisible_character(text: str) -> str | None:
    """The first control, format or separator character in ``text`` (tab allowed), or None."""
    for char in text:
        if char == "\t":
            continue
        if unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp"}:
            return f"U+{ord(char):04X}"
    return None


class VisibleStream:
    """A text stream that writes everything through ``visible``."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(visible(text))

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)
