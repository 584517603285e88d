"""A year at a glance for people: months down, line types across, full Swedish heads.

The engine's own rendering cut every head to 14 characters and showed keys
(``forlorad_arbetsi``); here each head is the type's Swedish name, wrapped
between words, and a year with more types than the terminal holds is split into
blocks of columns, each with the month column and the year's row, so nothing is
cut and nothing needs sideways scrolling.
"""

from __future__ import annotations

from decimal import Decimal

from arvode.base.money import format_kr
from arvode.calculation.year import YearStatement
from arvode.output.labels import MONTHS, line_label
from arvode.output.tabell import GAP, Column, Row, render_table, terminal_width, wrap_text
from arvode.rules.load import Rules

__all__ = ["render_year_table"]

_MISSING = "*"


def _amount(value: Decimal) -> str:
    """Kronor without the unit: the title says ``belopp i kronor`` once."""
    return format_kr(value).removesuffix(" kr")


def _least(head: str, cells: list[str]) -> int:
    return max([max(len(w) for w in head.split())] + [len(c) for c in cells])


def render_year_table(statement: YearStatement, name: str | None = None, *, rules: Rules | None = None,
                      width: int | None = None) -> str:
    """Twelve months and the year's sums, per line type and in all, fitted to ``width``."""
    width = width or terminal_width()
    who = f"{statement.official} {name}" if name else statement.official
    months = [
        f"{MONTHS[i]} {_MISSING if not present else ''}".rstrip()
        for i, present in enumerate(statement.from_claims)
    ]
    keys = [*statement.types, "total"]
    heads = [line_label(rules, k) if k != "total" else "Summa" for k in keys]
    cells = [
        [_amount(result.totals.get(k, Decimal(0))) for result in statement.months]
        + [_amount(statement.totals.get(k, Decimal(0)))]
        for k in keys
    ]
    first = max(len("Månad"), len("Året"), *(len(m) for m in months))
    # Greedy blocks: as many type columns as the width holds beside the month column.
    blocks: list[list[int]] = [[]]
    used = first
    for i, head in enumerate(heads):
        need = len(GAP) + _least(head, cells[i])
        if blocks[-1] and used + need > width:
            blocks.append([])
            used = first
        blocks[-1].append(i)
        used += need
    out = [f"{who} — år {statement.year} (belopp i kronor)"]
    for block in blocks:
        columns = [Column("Månad")] + [Column(heads[i], right=True, wrap=True) for i in block]
        rows = [Row((months[m], *(cells[i][m] for i in block))) for m in range(12)]
        rows.append(Row(("Året", *(cells[i][12] for i in block))))
        out += ["", *render_table(columns, rows, width)]
    if not all(statement.from_claims):
        note = f"{_MISSING} ingen rapport för månaden: bara årsarvode, beräknat från uppgifterna i den närmaste " \
               "månadens rapport"
        out += ["", *wrap_text(note, width)]
    return "\n".join(out)
