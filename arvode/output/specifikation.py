"""A statement per official and month (specifikation): what an official reads, keeps or prints.

``arvode check`` is a table for checking; the statement is a document: who and
which month, then each event in order with what it earned (the line's name,
section, amount and arithmetic), the lines of the whole month, every refused
event with its reason, the sums per type and per organ and the amount to be
paid. The same content goes to the terminal and to one self-contained HTML file
(no script, no link out, a print stylesheet), where every value from a claim or
the rules is escaped: an official's name or a reason is text, never markup.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterator
from decimal import Decimal

import attrs

from arvode.base.money import format_kr
from arvode.calculation.result import Line, Rejection, Result
from arvode.claims.claim import Claim
from arvode.output.labels import kind_label, line_label, organ_label, period_label
from arvode.output.report import event_organ, line_organ
from arvode.output.tabell import terminal_width, wrap_text
from arvode.rules.load import Rules

__all__ = ["Statement", "render_statement", "render_statement_html", "statement"]

TITLE = "Specifikation av arvoden och ersättningar"


@attrs.frozen
class Item:
    """One line as the statement shows it."""

    label: str
    rule: str
    amount: Decimal
    text: str
    organ: str


@attrs.frozen
class Block:
    """An event (or the month as a whole) and its lines."""

    heading: str
    items: tuple[Item, ...]


@attrs.frozen
class Refusal:
    heading: str
    rule: str
    reason: str


@attrs.frozen
class Statement:
    """Everything the statement shows, in order, with names instead of keys."""

    official: str
    name: str | None
    period: str
    rules: str
    blocks: tuple[Block, ...]
    refused: tuple[Refusal, ...]
    by_type: tuple[tuple[str, Decimal], ...]
    by_organ: tuple[tuple[str, Decimal], ...]
    total: Decimal

    @property
    def who(self) -> str:
        return f"{self.name} ({self.official})" if self.name else self.official


def _event_heading(claim: Claim, rules: Rules, index: int, day: dt.date | None) -> str:
    event = claim.events[index]
    organ = organ_label(rules, event_organ(claim, rules, index, day))
    parts = [event.date.isoformat(), organ, kind_label(rules, event.kind)]
    return f"Händelse {index + 1}: " + ", ".join(p for p in parts if p)


def _item(line: Line, claim: Claim, rules: Rules) -> Item:
    return Item(line_label(rules, line.type), line.rule, line.amount, line.text,
                organ_label(rules, line_organ(line, claim, rules)))


def _blocks(result: Result, claim: Claim, rules: Rules) -> Iterator[Block]:
    by_event: dict[int, list[Line]] = {}
    month: list[Line] = []
    for line in result.lines:
        if line.event is None or not 0 <= line.event < len(claim.events):
            month.append(line)
        else:
            by_event.setdefault(line.event, []).append(line)
    for index in sorted(by_event):
        lines = by_event[index]
        yield Block(_event_heading(claim, rules, index, lines[0].date),
                    tuple(_item(line, claim, rules) for line in lines))
    if month:
        yield Block("Hela månaden", tuple(_item(line, claim, rules) for line in month))


def _refusal(rej: Rejection, claim: Claim, rules: Rules) -> Refusal:
    if rej.event is not None and 0 <= rej.event < len(claim.events):
        heading = _event_heading(claim, rules, rej.event, rej.date)
    else:
        heading = "Hela månaden" if rej.date is None else f"Hela månaden ({rej.date.isoformat()})"
    return Refusal(heading, rej.rule, rej.reason)


def statement(result: Result, claim: Claim, rules: Rules) -> Statement:
    """The statement of one claim's result: names from the rules set, events numbered from 1."""
    organs: dict[str, Decimal] = {}
    for line in result.lines:
        organ = organ_label(rules, line_organ(line, claim, rules)) or "Utan organ"
        organs[organ] = organs.get(organ, Decimal(0)) + line.amount
    totals = result.totals
    municipality = str(rules.meta.get("municipality", rules.name))
    regulation = str(rules.meta.get("regulation", ""))
    return Statement(
        official=result.official,
        name=claim.official.name,
        period=result.period,
        rules=f"{municipality}: {regulation}" if regulation else municipality,
        blocks=tuple(_blocks(result, claim, rules)),
        refused=tuple(_refusal(r, claim, rules) for r in result.rejected),
        by_type=tuple((line_label(rules, k), v) for k, v in totals.items() if k != "total"),
        by_organ=tuple(organs.items()),
        total=totals["total"],
    )


# ------------------------------------------------------------------------------------- terminal
def _amount_line(label: str, amount: Decimal, width: int, indent: str = "  ") -> str:
    money = format_kr(amount)
    room = max(width - len(indent) - len(money) - 2, 10)
    return f"{indent}{label:<{room}}  {money}"


def render_statement(result: Result, claim: Claim, rules: Rules, *, width: int | None = None) -> str:
    """The statement for the terminal (or a printer), fitted to ``width``."""
    width = min(width or terminal_width(), 100)
    data = statement(result, claim, rules)
    out = [TITLE.upper(), "", f"Förtroendevald: {data.who}", f"Månad: {period_label(data.period)}"]
    out += wrap_text(f"Regler: {data.rules}", width)
    for block in data.blocks:
        out += ["", block.heading]
        for item in block.items:
            label = f"{item.label} ({item.rule})"
            if block.heading == "Hela månaden" and item.organ:
                label += f", {item.organ}"
            out.append(_amount_line(label, item.amount, width))
            out += wrap_text(item.text, width, "      ")
    if data.refused:
        out += ["", "Ej ersatt (betalas inte):"]
        for refusal in data.refused:
            out.append(f"  {refusal.heading} (avsnitt {refusal.rule})")
            out += wrap_text(refusal.reason, width, "      ")
    out += ["", "Summa per typ:"]
    out += [_amount_line(label, amount, width) for label, amount in data.by_type]
    if len(data.by_organ) > 1:
        out += ["", "Summa per organ (kostnadsbärare, avsnitt 1):"]
        out += [_amount_line(label, amount, width) for label, amount in data.by_organ]
    out += ["", _amount_line("Summa att betala", data.total, width, "")]
    return "\n".join(out)


# ----------------------------------------------------------------------------------------- HTML
_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem auto;
       max-width: 50rem; padding: 0 1rem; color: #111; line-height: 1.4; }
h1 { font-size: 1.4rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.05rem; margin: 1.4rem 0 0.3rem; border-bottom: 1px solid #999; }
dl.head { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 1rem; margin: 0.5rem 0 1rem; }
dl.head dt { font-weight: 600; }
dl.head dd { margin: 0; }
table { width: 100%; border-collapse: collapse; }
table.lines { table-layout: fixed; }
table.lines th.rule { width: 6em; }
table.lines th.num { width: 9em; }
th, td { text-align: left; vertical-align: top; padding: 0.15rem 0.4rem; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.rule { white-space: nowrap; }
tr.text td { color: #333; font-size: 0.9rem; padding-bottom: 0.5rem; }
tbody th { font-weight: 400; text-align: left; }
tr.sum th, tr.sum td { border-top: 2px solid #111; font-weight: 700; }
p.reason { margin: 0 0 0.6rem 1.5rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { break-after: avoid; }
  tr, p.reason { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _money(amount: Decimal) -> str:
    return _e(format_kr(amount)).replace(" ", "&nbsp;")


def render_statement_html(result: Result, claim: Claim, rules: Rules) -> str:
    """The statement as one HTML document with its own print stylesheet; every value escaped."""
    data = statement(result, claim, rules)
    title = f"{TITLE}, {data.who}, {period_label(data.period)}"
    out = [
        "<!DOCTYPE html>",
        '<html lang="sv">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{_e(TITLE)}</h1>",
        '<dl class="head">',
        f"<dt>Förtroendevald</dt><dd>{_e(data.who)}</dd>",
        f"<dt>Månad</dt><dd>{_e(period_label(data.period))}</dd>",
        f"<dt>Regler</dt><dd>{_e(data.rules)}</dd>",
        "</dl>",
    ]
    for block in data.blocks:
        out += [f"<h2>{_e(block.heading)}</h2>", '<table class="lines">',
                '<thead><tr><th scope="col">Ersättning</th><th scope="col" class="rule">Avsnitt</th>'
                '<th scope="col" class="num">Belopp</th></tr></thead>', "<tbody>"]
        for item in block.items:
            label = item.label
            if block.heading == "Hela månaden" and item.organ:
                label += f", {item.organ}"
            out.append(f'<tr><td>{_e(label)}</td><td class="rule">{_e(item.rule)}</td>'
                       f'<td class="num">{_money(item.amount)}</td></tr>')
            out.append(f'<tr class="text"><td colspan="3">{_e(item.text)}</td></tr>')
        out += ["</tbody>", "</table>"]
    if data.refused:
        out.append("<h2>Ej ersatt (betalas inte)</h2>")
        for refusal in data.refused:
            out.append(f"<p><strong>{_e(refusal.heading)}</strong> (avsnitt {_e(refusal.rule)})</p>")
            out.append(f'<p class="reason">{_e(refusal.reason)}</p>')
    out += ["<h2>Summa per typ</h2>", "<table>", "<tbody>"]
    out += [f'<tr><th scope="row">{_e(label)}</th><td class="num">{_money(amount)}</td></tr>'
            for label, amount in data.by_type]
    out += ["</tbody>", "</table>"]
    if len(data.by_organ) > 1:
        out += ["<h2>Summa per organ (kostnadsbärare, avsnitt 1)</h2>", "<table>", "<tbody>"]
        out += [f'<tr><th scope="row">{_e(label)}</th><td class="num">{_money(amount)}</td></tr>'
                for label, amount in data.by_organ]
        out += ["</tbody>", "</table>"]
    out += ["<table>", "<tbody>",
            f'<tr class="sum"><th scope="row">Summa att betala</th><td class="num">{_money(data.total)}</td></tr>',
            "</tbody>", "</table>", "</body>", "</html>", ""]
    return "\n".join(out)
