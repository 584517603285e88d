"""Render a Result for people (a table) or machines (the JSON of the contract).

The table is what an official reads to check a month, so it shows names, not
keys (line types, organs and kinds from ``labels`` and the rules set), numbers
events from 1 as a person counts them, and fits the terminal: the organ and type
columns wrap between words and the arithmetic is wrapped under its line. The
JSON keeps the contract's ASCII keys and 0-based ``event``, byte for byte.
"""

from __future__ import annotations

import datetime as dt
import json

from arvode.base.errors import ArvodeError
from arvode.base.money import format_kr
from arvode.calculation.result import Line, Rejection, Result
from arvode.claims.claim import Claim
from arvode.output.labels import kind_label, line_label, organ_label, period_label
from arvode.output.tabell import Column, Row, render_table, table_width, terminal_width
from arvode.rules.load import Rules

__all__ = ["event_organ", "line_organ", "render_json", "render_text", "total_rows"]

#: What the totals are called: the contract's ``total`` is a key, not a word.
TOTAL = "Summa"


def render_json(result: Result | list[Result]) -> str:
    if isinstance(result, list):
        return json.dumps([r.as_json() for r in result], ensure_ascii=False, indent=2)
    return json.dumps(result.as_json(), ensure_ascii=False, indent=2)


def event_organ(claim: Claim | None, rules: Rules | None, event: int | None, day: dt.date | None) -> str | None:
    """The organ key of a claim's event: its own, or the cost bearer of election work (section 1)."""
    if claim is None or event is None or not 0 <= event < len(claim.events):
        return None
    found = claim.events[event]
    if found.organ is not None:
        return found.organ
    if rules is None:
        return None
    try:
        bearer = rules.value("kostnadsbarare.valforrattning", day or found.date).value
    except ArvodeError:
        return None
    return str(bearer)


def line_organ(line: Line, claim: Claim | None, rules: Rules | None) -> str | None:
    """The organ a line is booked on: the line's own (årsarvode, 3.2 a, 4.2) or its event's."""
    return line.organ or event_organ(claim, rules, line.event, line.date)


def _number(event: int | None) -> str:
    return "" if event is None else str(event + 1)


def _day(day: dt.date | None) -> str:
    return "" if day is None else day.isoformat()


def _table(heads: list[Column], rows: list[Row], width: int, section_at: int) -> list[str]:
    """The table with its section column, or, when that cannot fit, the section first under the row."""
    if table_width(heads, rows, width) <= width:
        return render_table(heads, rows, width)
    narrower = [c for i, c in enumerate(heads) if i != section_at]
    folded = [
        Row(tuple(c for i, c in enumerate(r.cells) if i != section_at),
            f"Avsnitt {r.cells[section_at]}: {r.below}" if r.cells[section_at] else r.below)
        for r in rows
    ]
    return render_table(narrower, folded, width)


def line_rows(result: Result, claim: Claim | None, rules: Rules | None) -> list[Row]:
    """One row per line: number, date, organ, type, amount, section; the arithmetic under it."""
    return [
        Row((_number(line.event), _day(line.date), organ_label(rules, line_organ(line, claim, rules)),
             line_label(rules, line.type), format_kr(line.amount), line.rule), line.text)
        for line in result.lines
    ]


def _rejection_what(rej: Rejection, claim: Claim | None, rules: Rules | None) -> tuple[str, str]:
    organ = organ_label(rules, event_organ(claim, rules, rej.event, rej.date))
    kind = ""
    if claim is not None and rej.event is not None and 0 <= rej.event < len(claim.events):
        kind = kind_label(rules, claim.events[rej.event].kind)
    return organ, kind


def rejection_rows(result: Result, claim: Claim | None, rules: Rules | None) -> list[Row]:
    """One row per refusal: number, date, organ, kind, section; the reason under it."""
    rows = []
    for rej in result.rejected:
        organ, kind = _rejection_what(rej, claim, rules)
        rows.append(Row((_number(rej.event), _day(rej.date), organ, kind, rej.rule), rej.reason))
    return rows


def total_rows(result: Result, rules: Rules | None) -> list[tuple[str, str]]:
    """Each type's label and sum, then ``Summa``: the totals as a person reads them."""
    return [(TOTAL if key == "total" else line_label(rules, key), format_kr(amount))
            for key, amount in result.totals.items()]


def render_text(
    result: Result,
    name: str | None = None,
    *,
    claim: Claim | None = None,
    rules: Rules | None = None,
    width: int | None = None,
) -> str:
    """A table an official can read: one row per payment, then refusals and totals.

    ``claim`` and ``rules`` give each event's organ and kind their names; without
    them the organ column shows what the lines themselves carry.
    """
    width = width or terminal_width()
    who = f"{result.official} {name}" if name else result.official
    out = [f"{who} — {period_label(result.period)}", ""]
    if result.lines:
        heads = [Column("Nr", right=True), Column("Datum"), Column("Organ", wrap=True), Column("Typ", wrap=True),
                 Column("Belopp", right=True), Column("Avsnitt")]
        out += _table(heads, line_rows(result, claim, rules), width, 5)
    if result.rejected:
        out += ["", "Ej ersatt (betalas inte; skälet står under raden):"]
        heads = [Column("Nr", right=True), Column("Datum"), Column("Organ", wrap=True), Column("Slag", wrap=True),
                 Column("Avsnitt")]
        out += _table(heads, rejection_rows(result, claim, rules), width, 4)
    totals = total_rows(result, rules)
    label_width = max(len(label) for label, _ in totals)
    amount_width = max(len(amount) for _, amount in totals)
    out += ["", "Summa per typ:"]
    out += [f"  {label:<{label_width}}  {amount:>{amount_width}}" for label, amount in totals]
    return "\n".join(out)
