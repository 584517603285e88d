"""What the check page shows: the engine's result and problems, ready for the template.

The template only lays out; every word and number is decided here, from the
``Result`` of the same engine ``arvode check`` runs. Amounts keep the
machine form (``"1173.00"``) beside the human one (``1 173,00 kr``), so a
test can hold the page to ``arvode check --json``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from arvode import Result, Rules, format_json, format_kr
from arvode.web.engine import Problem
from arvode.web.form import FormState, place_error, targets
from arvode.web.labels import line_label

__all__ = ["ErrorView", "ResultView", "errors_view", "field_id", "period_label", "result_view", "unbroken"]

_MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)


def unbroken(text: str) -> str:
    """``1 173,00 kr`` never broken across lines: no-break spaces inside amounts, for display."""
    return re.sub(r"(?<=\d) (?=\d{3}\b)|(?<=\d) (?=kr\b)", "\u00a0", text)


def field_id(name: str) -> str:
    """An HTML id for an input or part named by its claim path (``events[1].date``)."""
    return "f-" + (re.sub(r"[^A-Za-z0-9_]+", "-", name).strip("-") or "sidan")


def period_label(period: str) -> str:
    """``2025-03`` as ``mars 2025``; anything else as it is."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", period)
    if match is None or not 1 <= int(match[2]) <= 12:
        return period
    return f"{_MONTHS[int(match[2]) - 1]} {match[1]}"


@attrs.frozen
class Amount:
    text: str
    json: str
    negative: bool

    @classmethod
    def of(cls, value: Decimal) -> Amount:
        return cls(unbroken(format_kr(value)), format_json(value), value < 0)


@attrs.frozen
class LineView:
    event: int | None
    date: str
    what: str
    type: str
    label: str
    amount: Amount
    rule: str
    text: str


@attrs.frozen
class RefusalView:
    event: int | None
    date: str
    what: str
    rule: str
    reason: str


@attrs.frozen
class TotalView:
    type: str
    label: str
    amount: Amount


@attrs.frozen
class ResultView:
    official: str
    name: str
    period: str
    lines: tuple[LineView, ...]
    refusals: tuple[RefusalView, ...]
    totals: tuple[TotalView, ...]
    total: Amount


def _what(rules: Rules, events: Sequence[Any], index: int | None) -> str:
    """An event as the official entered it: its kind and organ by their names in the rules."""
    if index is None or not 0 <= index < len(events) or not isinstance(events[index], Mapping):
        return ""
    event = events[index]
    kind = rules.kinds.get(str(event.get("kind")))
    organ = rules.organs.get(str(event.get("organ")))
    return ", ".join(x.name for x in (kind, organ) if x is not None)


def result_view(result: Result, data: Mapping[str, Any], rules: Rules) -> ResultView:
    events = data.get("events")
    events = events if isinstance(events, list) else []
    official = data.get("official")
    name = official.get("name", "") if isinstance(official, Mapping) else ""
    lines = tuple(
        LineView(
            line.event, line.date.isoformat() if line.date else "", _what(rules, events, line.event),
            line.type, line_label(rules, line.type), Amount.of(line.amount), line.rule, unbroken(line.text),
        )
        for line in result.lines
    )
    refusals = []
    for refusal in result.rejected:
        refusals.append(RefusalView(
            refusal.event, refusal.date.isoformat() if refusal.date else "",
            _what(rules, events, refusal.event), refusal.rule, unbroken(refusal.reason),
        ))
    totals = tuple(
        TotalView(key, line_label(rules, key), Amount.of(value))
        for key, value in result.totals.items() if key != "total"
    )
    return ResultView(
        result.official, str(name), period_label(result.period), lines, tuple(refusals), totals,
        Amount.of(result.total),
    )


@attrs.frozen
class ErrorView:
    """A problem placed on the page: at ``target`` (an input or part; "" is the top)."""

    target: str
    anchor: str
    where: str
    message: str


def errors_view(problems: Sequence[Problem], state: FormState) -> tuple[ErrorView, ...]:
    known = targets(state)
    views = []
    for problem in problems:
        target = place_error(problem.field, known)
        where = known.get(target, "")
        anchor = field_id(target) if target else "resultat"
        views.append(ErrorView(target, anchor, where, problem.problem))
    return tuple(views)
