"""The engine works out an official's standing for inclusion (2.3) once per set of roles in force.

A standing is shared between the days of a claim that hold the same roles (each under the
same dated terms), the same gruppledaruppdrag and special decisions, under one rules
version. Whatever is shared, the result must be the one a day-by-day run gives: every
line, amount and text of every example and of generated officials whose roles start and
end inside the month.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import DAYS, claim_yaml, claims

from arvode import bundled_rules_dir, calculate, claim_from_text, load_claim, load_rules
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


def two_meetings(role: str, period: str, first: str, second: str) -> str:
    """A claim of one role's holder with a samordningsträff on each of two days."""
    meetings = "".join(f'  - {{date: {day}, organ: kommunstyrelsen, kind: samordningstraff, called: "09:00-11:00"}}\n'
                       for day in (first, second))
    return (f"official: {{id: p-s, assignments: [{{role: {role}, from: 2025-01-01}}]}}\n"
            f"period: {period}\nevents:\n{meetings}")


def same_both_ways(text: str, rules: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    shared, alone = both_ways(lambda: calculate(claim_from_text(text, rules, "s.yaml"), rules).as_json(),
                              monkeypatch)
    assert shared == alone
    return shared


def test_a_valar_across_the_new_year_is_not_shared(monkeypatch: pytest.MonkeyPatch) -> None:
    # One rules version covers 2026 (a valår) and 2027: Valnämnd's ordförande is nivå 3 in 2026 and
    # nivå 4 in 2027, where a samordningsträff is not included: ⅛ × 782 × 2 started hours = 195,50.
    shared = same_both_ways(two_meetings("valnamnden.ordforande", "2027-01", "2026-12-10", "2027-01-12"), RULES,
                            monkeypatch)
    january = [line for line in shared["lines"] if line.get("date") == "2027-01-12"]
    assert [line["amount"] for line in january] == ["195.50"]


def test_a_derived_roles_base_changing_mid_month_is_not_shared(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    # KoF ordförande raised from 22 % to 40 % (nivå 3) from 2025-06-15: the vice ordförande,
    # 20 % of it (2.3.5), goes from 4,4 % (nivå 4) to 8 % (nivå 3), which includes samordningsträffar.
    folder = tmp_path / "pitea"
    shutil.copytree(bundled_rules_dir(), folder)
    roles = folder / "roller.yaml"
    text = roles.read_text(encoding="utf-8")
    anchor = '      2025-01-01: {percent: "22", level: 3, reference: "2.3.3"}'
    assert text.count(anchor) >= 1
    kof = text.index("  kultur_och_fritidsnamnden.ordforande:")
    at = text.index(anchor, kof) + len(anchor)
    roles.write_text(text[:at] + '\n      2025-06-15: {percent: "40", level: 3, reference: "test"}' + text[at:],
                     encoding="utf-8")
    rules = load_rules(folder)
    shared = same_both_ways(two_meetings("kultur_och_fritidsnamnden.vice_ordforande", "2025-06", "2025-06-05",
                                         "2025-06-20"), rules, monkeypatch)
    fees = {line["date"]: line["amount"] for line in shared["lines"] if line["type"] == "forrattningsersattning"}
    assert fees == {"2025-06-05": "195.50", "2025-06-20": "0.00"}
