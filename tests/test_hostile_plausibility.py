"""Implausible figures are refused with the limit named, never paid (issue #11, item 5).

The limits are dated rules data (``rules/pitea/rimlighet.yaml``) and hold per
official and day over all events (and claims). Each case failed before: 25 hours
of election work paid 25 × 200,40; 999 999 999 999 lost vacation days gave a
94-quadrillion total; 2 400 km and 30 h of färdtid passed without a word.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from arvode import Result, Rules, calculate_official, claim_from_text

Run = Callable[[str], Result]


def _refusals(result: Result) -> dict[int, str]:
    return {r.event: r.reason for r in result.rejected if r.event is not None}


def _paid(result: Result, event: int) -> Decimal:
    return sum((l.amount for l in result.lines if l.event == event), Decimal(0))


def test_25_hours_of_election_work_on_one_day_is_refused(run: Run) -> None:
    result = run("""\
        official: {id: p-1}
        period: 2026-09
        events:
          - {date: 2026-09-08, kind: valforrattning, election_role: valforrattare, hours: "25"}
          - {date: 2026-09-09, kind: valforrattning, election_role: valforrattare, hours: "24"}
    """)
    assert "högst 24 h per dag (rimlighet.timmar_per_dag)" in _refusals(result)[0]
    assert _paid(result, 0) == 0
    # exactly 24 h is possible: 24 × 167 × 100 % = 4 008,00 (a Wednesday, no supplement)
    assert _paid(result, 1) == Decimal("4008.00")


def test_the_day_limit_counts_every_event_of_the_day(run: Run) -> None:
    result = run("""\
        official: {id: p-1}
        period: 2025-03
        events:
          - {date: 2025-03-12, organ: kommunfullmaktige, kind: sammantrade, called: "08:00-20:00"}
          - {date: 2025-03-12, organ: socialnamnden, kind: uppdrag, attended: "06:00-08:00", travel: {hours: "11"}}
    """)
    # 12 h meeting + 2 h förrättning + 11 h färdtid = 25 h > 24: the second event is refused whole
    assert "2025-03-12, 12 h redan rapporterade samma dag; högst 24 h" in _refusals(result)[1]
    assert _paid(result, 1) == 0
    assert _paid(result, 0) == Decimal("1173.00")


@pytest.mark.parametrize(
    ("field", "limit_name"),
    [
        ("travel: {km: 2400}", "rimlighet.km_per_dag"),
        ('travel: {hours: "30"}', "rimlighet.timmar_per_dag"),
        ('lost_income: {hours: "30"}', "rimlighet.forlorade_timmar_per_dag"),
        ('childcare_hours: "25"', "rimlighet.tillsynstimmar_per_dag"),
        ("lost_vacation_days: 999999999999", "rimlighet.semesterdagar_per_handelse"),
        ('lost_income: {amount: "1450000.00"}', "rimlighet.belopp_per_post"),
        ('disability_costs: "250000"', "rimlighet.belopp_per_post"),
    ],
)
def test_one_implausible_figure_refuses_the_event(run: Run, field: str, limit_name: str) -> None:
    result = run(f"""\
        official: {{id: p-1, home_distance_km: 40, income: {{hourly: "300"}}}}
        period: 2025-03
        events:
          - {{date: 2025-03-12, organ: socialnamnden, kind: sammantrade, called: "13:00-17:00", {field}}}
    """)
    reason = _refusals(result)[0]
    assert reason.startswith("orimligt: ")
    assert limit_name in reason
    assert result.total == 0  # never paid, not capped


def test_a_late_reported_event_counts_against_its_own_day(rules: Rules) -> None:
    march = claim_from_text("""\
official: {id: p-1}
period: 2025-03
events:
  - {date: 2025-03-12, organ: socialnamnden, kind: uppdrag, attended: "06:00-22:00"}
""", rules, "mars.yaml")
    april = claim_from_text("""\
official: {id: p-1}
period: 2025-04
events:
  - {date: 2025-03-12, organ: kommunfullmaktige, kind: sammantrade, called: "22:00-24:00", travel: {hours: "7"}}
""", rules, "april.yaml")
    results = calculate_official([march, april], rules)
    # 16 h in March's claim, then 2 h + 7 h färdtid on the same day in April's: 25 h
    assert [r.rule for r in results[1].rejected] == ["6.1"]
    assert "16 h redan rapporterade samma dag" in results[1].rejected[0].reason
