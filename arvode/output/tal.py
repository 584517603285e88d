"""Numbers the Swedish way for people: ``2 400 km``, ``+3,4 %``, ``1 212,882``, ``1 rad``/``2 rader``.

Kronor already have ``format_kr``; everything else a person reads (counts,
percentages, kilometres, factors) went out as Python prints it (``2400``,
``3.4``), which a Swedish reader takes for a thousands separator or a typo.
Grouping is by a plain space, as ``format_kr`` does, so amounts and counts line
up and copy the same way.
"""

from __future__ import annotations

from decimal import Decimal

__all__ = ["format_count", "format_number", "format_percent"]


def _group(digits: str) -> str:
    """``1234567`` as ``1 234 567``."""
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)]
    return " ".join(parts)


def format_number(value: Decimal | int | str, decimals: int | None = None) -> str:
    """A number with space grouping and a decimal comma; ``decimals`` fixes the decimals shown.

    Without ``decimals`` the number keeps the decimals it has, without trailing
    zeros (``4,5``, ``12``, ``1 212,882``).
    """
    number = value if isinstance(value, Decimal) else Decimal(value)
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals))
        text = f"{abs(number):f}"
    else:
        text = f"{abs(number).normalize():f}"
    whole, _, fraction = text.partition(".")
    sign = "-" if number < 0 else ""
    return f"{sign}{_group(whole)}" + (f",{fraction}" if fraction else "")


def format_percent(value: Decimal | int | str, *, sign: bool = False) -> str:
    """A percentage: ``12 %``, ``4,5 %``; with ``sign`` a change: ``+3,4 %``, ``-1 %``."""
    number = value if isinstance(value, Decimal) else Decimal(value)
    text = format_number(number)
    if sign and number > 0:
        text = f"+{text}"
    return f"{text} %"


def format_count(count: int, singular: str, plural: str) -> str:
    """``1 rad``, ``2 rader``, ``123 000 rader``: the number grouped, the noun agreeing."""
    return f"{format_number(count)} {singular if count == 1 else plural}"
