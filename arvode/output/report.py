"""Render a Result for people (a table) or machines (the JSON of the contract)."""

from __future__ import annotations

import json

from arvode.base.money import format_kr
from arvode.calculation.result import Result

__all__ = ["render_json", "render_text"]


def render_json(result: Result | list[Result]) -> str:
    if isinstance(result, list):
        return json.dumps([r.as_json() for r in result], ensure_ascii=False, indent=2)
    return json.dumps(result.as_json(), ensure_ascii=False, indent=2)


def render_text(result: Result, name: str | None = None) -> str:
    """A table an official can read: one line per payment, then refusals and totals."""
    who = f"{result.official} {name}" if name else result.official
    out = [f"{who} — period {result.period}", ""]
    if result.lines:
        out.append(f"{'händ.':>5}  {'datum':<10}  {'typ':<28} {'belopp':>14}  {'regel':<6} förklaring")
        for line in result.lines:
            event = "" if line.event is None else str(line.event)
            day = "" if line.date is None else line.date.isoformat()
            out.append(
                f"{event:>5}  {day:<10}  {line.type:<28} {format_kr(line.amount):>14}  "
                f"{line.rule:<6} {line.text}"
            )
    if result.rejected:
        out += ["", "Ej ersatt (refused):"]
        for rej in result.rejected:
            event = "" if rej.event is None else str(rej.event)
            day = "" if rej.date is None else rej.date.isoformat()
            out.append(f"{event:>5}  {day:<10}  {rej.rule:<6} {rej.reason}")
    out += ["", "Summa per typ:"]
    for key, amount in result.totals.items():
        out.append(f"  {key:<30} {format_kr(amount):>14}")
    return "\n".join(out)
