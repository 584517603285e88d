"""The engine as the pages and the API use it: ``arvode``'s public API only.

Other engineers rewrite the engine's internals; calling only what the
top-level package exports keeps this layer working while that contract holds
(``tests/test_web_app.py`` checks that ``arvode.web`` imports nothing else).
A claim from the form or the API becomes JSON text, which is YAML flow
syntax, and goes through ``claim_from_text`` like a file: validation and
error locations are those of ``arvode check``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping
from typing import Any, cast

import attrs

import arvode
from arvode import ArvodeError, Result, Rules, calculate, claim_from_text, with_suggestion

__all__ = ["Problem", "bilaga", "bilaga_json", "check", "claim_text", "form_problems", "parse", "result_json"]

#: Characters a JSON string may hold raw but YAML 1.1 refuses (C1 controls) or reads as a
#: line break (U+0085, U+2028, U+2029); written as escapes, both read the same character.
_NOT_FOR_YAML = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")
#: A stand-in official for checking one event or the period on its own.
_STAND_IN = {"id": "kontroll"}


@attrs.frozen
class Problem:
    """A problem the engine found: where (a claim path, or None) and what, in its words."""

    field: str | None
    problem: str

    @classmethod
    def of(cls, error: ArvodeError, rename: Callable[[str], str] = str) -> Problem:
        field = error.location.field if error.location is not None else None
        return cls(rename(field) if field else None, error.problem)


def claim_text(data: Any) -> str:
    """The claim as text ``claim_from_text`` reads (JSON: YAML's flow syntax)."""
    text = json.dumps(data, ensure_ascii=False)
    return _NOT_FOR_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def check(data: Any, rules: Rules, file: str = "<claim>") -> Result:
    """Parse and calculate a claim given as data; an ``ArvodeError`` as ``arvode check``'s.

    An unknown organ, kind or role gets the nearest key, as on the command line (the list
    of keys is the form's own choices, so no command is named).
    """
    try:
        claim = claim_from_text(claim_text(data), rules, file)
    except ArvodeError as error:
        better = with_suggestion(error, rules, listed="")
        if better is error:
            raise
        raise better from None
    return calculate(claim, rules)


def parse(text: str, rules: Rules) -> None:
    """Only parse a claim file's text: its first problem, if any, as an ``ArvodeError``."""
    claim_from_text(text, rules, "<fil>")


def result_json(result: Result) -> str:
    """What ``arvode check --json`` prints for one claim, byte for byte."""
    return json.dumps(result.as_json(), ensure_ascii=False, indent=2) + "\n"


def _parse_problem(data: Any, rules: Rules, rename: Callable[[str], str] = str) -> Problem | None:
    try:
        claim_from_text(claim_text(data), rules, "<formulär>")
    except ArvodeError as error:
        return Problem.of(with_suggestion(error, rules, listed=""), rename)
    return None


def form_problems(data: Mapping[str, Any], rules: Rules, first: Problem) -> list[Problem]:
    """Every problem of a claim that does not parse, for the form, ``first`` first.

    The parser stops at the first problem. An official filling in a month
    wants to see them all, so the official, the period and each event are
    also parsed alone (beside a stand-in), each by the same parser, and their
    problems placed at the claim's paths.
    """
    found = [first]
    official = _parse_problem({"official": data.get("official"), "period": "2025-01"}, rules)
    period = _parse_problem({"official": _STAND_IN, "period": data.get("period")}, rules)
    found += [p for p in (official, period) if p is not None]
    events = data.get("events")
    if period is None and isinstance(events, list):
        for index, event in enumerate(events):

            def rename(field: str, index: int = index) -> str:
                return f"events[{index}]" + field.removeprefix("events[0]")

            alone = {"official": _STAND_IN, "period": data.get("period"), "events": [event]}
            problem = _parse_problem(alone, rules, rename)
            if problem is not None:
                found.append(problem)
    return list(dict.fromkeys(found))


# ------------------------------------------------------------------------- Bilaga 1
# PEP 562 names (``bilaga_on``, ``build_document``) are typed ``object`` through the
# package's ``__getattr__``; their signatures are written here, once.
_bilaga_on = cast(Callable[[Rules, dt.date], Any], arvode.bilaga_on)
_build_document = cast(Callable[[Any, Any], Any], arvode.build_document)


def bilaga(rules: Rules, day: dt.date, compare: dt.date | None = None) -> Any:
    """Bilaga 1's tables on ``day`` (against ``compare``), as ``arvode bilaga`` builds them."""
    old = _bilaga_on(rules, compare) if compare is not None else None
    return _build_document(_bilaga_on(rules, day), old)


def _decimal(value: Any) -> str | None:
    return None if value is None else f"{value:f}"


def _money(value: Any) -> str | None:
    return None if value is None else arvode.format_json(value)


def bilaga_json(rules: Rules, day: dt.date) -> dict[str, Any]:
    """Bilaga 1 in force on ``day`` as data: amounts, the role table and the seat scale."""
    found = _bilaga_on(rules, day)
    return {
        "date": day.isoformat(),
        "municipality": found.rules_name,
        "regulation": found.regulation,
        "arsarvode": found.arsarvode.as_json() if found.arsarvode is not None else None,
        "month_share": found.month_share,
        "amounts": [
            {
                "name": a.parameter.name,
                "description": a.parameter.description,
                "section": a.parameter.section,
                "value": _decimal(a.value.value) if a.value is not None else None,
                "from": a.value.valid_from.isoformat() if a.value is not None else None,
                "reference": a.value.reference if a.value is not None else None,
                "missing": a.why or None,
                "omrakning_step": _decimal(a.parameter.omrakning.steg) if a.parameter.omrakning else None,
            }
            for a in found.amounts
        ],
        "roles": [
            {
                "role": r.key,
                "title": r.title,
                "level": r.level,
                "percent": _decimal(r.percent),
                "basis": r.basis,
                "section": r.reference,
                "yearly": _money(r.yearly),
                "monthly": _money(r.monthly),
            }
            for r in found.roles
        ],
        "group_leader_seats": [
            {
                "seat": s.seat,
                "percent": _decimal(s.percent),
                "yearly": _money(s.yearly),
                "monthly": _money(s.monthly),
                "section": s.reference,
            }
            for s in found.seats
        ],
    }
