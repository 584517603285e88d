"""The engine works out an official's standing for inclusion (2.3) once per set of roles in force.

A standing is shared between the days of a claim that hold the same roles (each under the
same dated terms), the same gruppledaruppdrag and special decisions, under one rules
version. Whatever is shared, the result must be the one a day-by-day run gives: every
line, amount and text of every example and of generated officials whose roles start and
end inside the month.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import DAYS, claim_yaml, claims

from arvode import calculate, claim_from_text, load_claim, load_rules
from arvode.calculation import engine

RULES = load_rules()
EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("[0-9]*.yaml"))
ROLES = ["kommunstyrelsen.ordforande", "kommunstyrelsen.utskott_ledamot", "socialnamnden.ordforande",
         "socialnamnden.vice_ordforande", "barn_och_utbildningsnamnden.utskott_ledamot", "ksapu.ledamot",
         "revisionen.revisor", "valnamnden.ordforande"]


def both_ways(run: Any, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    shared = run()
    monkeypatch.setattr(engine, "SHARE_STANDINGS", False)
    try:
        alone = run()
    finally:
        monkeypatch.setattr(engine, "SHARE_STANDINGS", True)
    return shared, alone


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_is_the_same_day_by_day(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shared, alone = both_ways(lambda: calculate(load_claim(example, RULES), RULES).as_json(), monkeypatch)
    assert shared == alone


@st.composite
def officials_with_roles(draw: st.DrawFn) -> dict[str, Any]:
    document = draw(claims())
    assignments = []
    for role in draw(st.lists(st.sampled_from(ROLES), max_size=3, unique=True)):
        start = draw(st.sampled_from([dt.date(2024, 1, 1), *DAYS]))
        entry: dict[str, Any] = {"role": role, "from": start}
        if draw(st.booleans()):
            entry["to"] = draw(st.sampled_from([d for d in DAYS if d >= start] or [start]))
        assignments.append(entry)
    document["official"]["assignments"] = assignments
    return document


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(document=officials_with_roles())
def test_generated_officials_with_roles_starting_and_ending_are_the_same_day_by_day(
        document: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    text = claim_yaml(document)
    shared, alone = both_ways(lambda: calculate(claim_from_text(text, RULES, "g.yaml"), RULES).as_json(),
                              monkeypatch)
    assert shared == alone
