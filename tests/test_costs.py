"""Section 5 costs and 3.2 b: travel, färdtid, traktamente, tillsyn, disability, semesterdag.

Bilaga 1: 2,90 kr per km, timlön för färdtid 203 kr, traktamente heldag 290 kr, maxbelopp
3 360 kr; prisbasbelopp 2025 58 800, 2026 59 200. Piteå's Bilaga 1 gives no timkostnad for
barntillsyn / vård och tillsyn: a claim needing one stops with exit status 2.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arvode import ClaimError, MissingAmountError, Result, Rules, bundled_rules_dir, calculate, load_batch, load_rules
from arvode.claims.claim import claim_from_text

Run = Callable[[str], Result]
ARVODE = Path(sys.executable).parent / "arvode"


def arvode(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed entry point, as a user runs it."""
    return subprocess.run([str(ARVODE), *args], capture_output=True, text=True)


def meeting(extra: str, official: str = "home_distance_km: 14", day: str = "2025-03-12") -> str:
    """A KF sammanträde 13:00–17:00 (4 h) with ``extra`` event fields."""
    return f"""
        official: {{id: p-1, {official}}}
        period: {day[:7]}
        events:
          - date: {day}
            organ: kommunfullmaktige
            kind: sammantrade
            called: "13:00-17:00"
            {extra}
    """


def paid(result: Result, type_: str) -> list[Decimal]:
    return [line.amount for line in result.lines if line.type == type_]


def line_of(result: Result, type_: str, index: int = 0) -> str:
    return [line.text for line in result.lines if line.type == type_][index]


def rules_with_rates(tmp_path: Path, **rates: str) -> Path:
    """A copy of the bundled rules where KSAPU has given timkostnader from 2025-01-01."""
    target = tmp_path / "rules"
    shutil.copytree(bundled_rules_dir(), target)
    path = target / "bilaga1.yaml"
    text = path.read_text(encoding="utf-8")
    for name, value in rates.items():
        start = text.index(f"  {name}:\n")
        at = text.index("    values: {}", start)
        dated = f'    values:\n      2025-01-01: {{value: "{value}", reference: "test"}}'
        text = text[:at] + dated + text[at + len("    values: {}"):]
    path.write_text(text, encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def rated(tmp_path_factory: pytest.TempPathFactory) -> Rules:
    """Timkostnad barntillsyn 150 kr, vård och tillsyn 180 kr."""
    return load_rules(rules_with_rates(tmp_path_factory.mktemp("rated"),
                                       timkostnad_barntillsyn="150",
                                       timkostnad_vard_och_tillsyn="180"))


def run_with(rules: Rules, text: str) -> Result:
    return calculate(claim_from_text(textwrap.dedent(text), rules, "test.yaml"), rules)


# ---------------------------------------------------------------- 5.1 travel
def test_travel_over_six_km(run: Run) -> None:
    # home 14 km ≥ 6: to/from 28 km × 2,90 = 81,20; within 5 km × 2,90 = 14,50
    # färdtid 0,8 h × 203 = 162,40; outside the municipality: traktamente 290,00
    result = run(meeting(
        'travel: {km: 28, within_km: 5, hours: "0.8", outside_municipality: true}'))
    assert paid(result, "reseersattning") == [Decimal("14.50"), Decimal("81.20")]
    assert paid(result, "fardtidsersattning") == [Decimal("162.40")]
    assert paid(result, "traktamente") == [Decimal("290.00")]
    assert "28 km × 2,90 kr = 81,20 kr" in line_of(result, "reseersattning", 1)
    assert "14 km ≥ 6 km" in line_of(result, "reseersattning", 1)
    assert "0,8 h × 203,00 kr" in line_of(result, "fardtidsersattning")
    travel = [line for line in result.lines if line.type in {"reseersattning", "traktamente"}]
    assert all(line.rule == "5.1" for line in travel)


def test_travel_under_six_km(run: Run) -> None:
    # home 4 km < 6: to/from 8 km → 0,00 saying why; färdtid 0,5 h → 0,00; within 3 km × 2,90 = 8,70
    result = run(meeting('travel: {km: 8, within_km: 3, hours: "0.5"}', "home_distance_km: 4"))
    assert paid(result, "reseersattning") == [Decimal("8.70"), Decimal("0")]
    assert "4 km, under 6 km" in line_of(result, "reseersattning", 1)
    assert paid(result, "fardtidsersattning") == [Decimal("0")]


@pytest.mark.parametrize(("distance", "expected"), [("5.9", Decimal("0")), ("6", Decimal("34.80"))])
def test_six_km_threshold_day_before_and_day_of(run: Run, distance: str, expected: Decimal) -> None:
    # 5,9 km: nothing; exactly 6 km ("sex kilometer eller mer"): 12 km × 2,90 = 34,80
    result = run(meeting("travel: {km: 12}", f'home_distance_km: "{distance}"'))
    assert paid(result, "reseersattning") == [expected]


def test_travel_without_home_distance_is_refused_asking_for_it(run: Run) -> None:
    result = run(meeting('travel: {km: 12, within_km: 2, hours: "1"}', 'name: "X"'))
    assert paid(result, "reseersattning") == [Decimal("5.80")]  # within 2 × 2,90 only
    reasons = [r.reason for r in result.rejected]
    assert len(reasons) == 2
    assert all("home_distance_km" in r for r in reasons)
    assert {r.rule for r in result.rejected} == {"5.1"}


def test_non_serving_substitute_gets_travel_only(run: Run) -> None:
    # reseersättning 28 × 2,90 = 81,20;
    # färdtid, traktamente, barntillsyn, semesterdag → 0,00 (2.1.1)
    # (the barntillsyn is refused before any timkostnad is needed)
    result = run(meeting(
        'serving: false\n            travel: {km: 28, hours: "1", outside_municipality: true}\n'
        '            childcare_hours: "3"\n            lost_vacation_days: 1',
        'home_distance_km: 14, income: {hourly: "300"}'))
    assert paid(result, "reseersattning") == [Decimal("81.20")]
    for type_ in ("fardtidsersattning", "traktamente", "barntillsyn", "forlorad_semesterdag"):
        assert paid(result, type_) == [Decimal("0")], type_
        assert "2.1.1" in line_of(result, type_)
    assert result.total == Decimal("81.20")


# ---------------------------------------------------------------- 5.4 funktionsnedsättning
def test_disability_cap(run: Run) -> None:
    # 7,5 × 58 800 / 260 = 441 000 / 260 = 1 696,1538… → claimed 2 000,00 pays 1 696,15
    result = run(meeting('disability_costs: "2000"'))
    assert paid(result, "funktionsnedsattning") == [Decimal("1696.15")]
    text = line_of(result, "funktionsnedsattning")
    assert "7,5 × prisbasbelopp 58 800 kr / 260 = 441 000 kr / 260" in text
    assert result.lines[-1].rule == "5.4"


def test_disability_under_the_cap(run: Run) -> None:
    result = run(meeting('disability_costs: "1500.00"'))
    assert paid(result, "funktionsnedsattning") == [Decimal("1500.00")]


@pytest.mark.parametrize(("day", "expected"), [
    ("2025-12-31", Decimal("1696.15")),  # 7,5 × 58 800 / 260 = 1 696,1538…
    ("2026-01-01", Decimal("1707.69")),  # 7,5 × 59 200 / 260 = 444 000 / 260 = 1 707,6923…
])
def test_disability_cap_follows_prisbasbelopp_of_the_year(
    run: Run, day: str, expected: Decimal
) -> None:
    result = run(meeting('disability_costs: "5000"', day=day))
    assert paid(result, "funktionsnedsattning") == [expected]


# ---------------------------------------------------------------- 5.2 / 5.3 missing timkostnad
def test_missing_barntillsyn_rate_stops_the_library(run: Run) -> None:
    pattern = r"timkostnad_barntillsyn .*avsnitt 5\.2.* 2025-03-12"
    with pytest.raises(MissingAmountError, match=pattern):
        run(meeting('childcare_hours: "3"'))


def test_missing_barntillsyn_rate_exits_2_naming_it(tmp_path: Path) -> None:
    claim = tmp_path / "barntillsyn.yaml"
    claim.write_text(textwrap.dedent(meeting('childcare_hours: "3"')), encoding="utf-8")
    done = arvode("check", str(claim))
    assert done.returncode == 2
    assert done.stdout == ""
    message = done.stderr.strip()
    assert "\n" not in message
    assert "Traceback" not in message
    assert "timkostnad_barntillsyn" in message
    assert "5.2" in message
    assert "2025-03-12" in message
    assert str(claim) in message


def test_missing_vard_och_tillsyn_rate_exits_2_naming_it(tmp_path: Path) -> None:
    claim = tmp_path / "vard.yaml"
    claim.write_text(textwrap.dedent(meeting('care_hours: "2"')), encoding="utf-8")
    done = arvode("check", "--json", str(claim))
    assert done.returncode == 2
    assert "timkostnad_vard_och_tillsyn" in done.stderr
    assert "5.3" in done.stderr


def test_added_rate_is_used_through_the_cli(tmp_path: Path) -> None:
    # KSAPU adds a timkostnad: 3 h × 150 = 450,00 (no lost income with the event)
    rules = rules_with_rates(tmp_path, timkostnad_barntillsyn="150")
    claim = tmp_path / "barntillsyn.yaml"
    claim.write_text(textwrap.dedent(meeting('childcare_hours: "3"')), encoding="utf-8")
    done = arvode("check", "--json", "--rules", str(rules), str(claim))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["totals"]["barntillsyn"] == "450.00"


# ---------------------------------------------------------------- 5.2 / 5.3 never with lost income
def test_childcare_minus_lost_income_hours(rated: Rules) -> None:
    # 5 h barntillsyn − 3 h paid as förlorad arbetsinkomst = 2 h × 150 = 300,00
    result = run_with(rated, meeting('lost_income: {hours: "3"}\n            childcare_hours: "5"',
                                     'income: {hourly: "300"}'))
    assert paid(result, "forlorad_arbetsinkomst") == [Decimal("900.00")]  # 3 × 300
    assert paid(result, "barntillsyn") == [Decimal("300.00")]
    assert "5 h − 3 h" in line_of(result, "barntillsyn")


def test_childcare_fully_covered_by_lost_income(rated: Rules) -> None:
    # 3 h barntillsyn, 5 h lost income: 0 h → 0,00
    result = run_with(rated, meeting('lost_income: {hours: "5"}\n            childcare_hours: "3"',
                                     'income: {hourly: "300"}'))
    assert paid(result, "barntillsyn") == [Decimal("0")]


def test_lost_income_as_amount_deducts_the_meetings_length(rated: Rules) -> None:
    # Lost income paid as an amount; the meeting 13:00–17:00 is 4 h: 6 − 4 = 2 h × 150 = 300,00
    result = run_with(rated, meeting(
        'lost_income: {amount: "1200"}\n            childcare_hours: "6"'))
    assert paid(result, "barntillsyn") == [Decimal("300.00")]
    assert "4 h räknas som ersatt tid" in line_of(result, "barntillsyn")


def test_lost_income_as_amount_without_a_time_is_refused(rated: Rules) -> None:
    # Protokolljustering has no time: cannot tell the hours apart, so refused (5.2) asking for hours
    result = run_with(rated, """
        official: {id: p-1}
        period: 2025-03
        events:
          - date: 2025-03-12
            organ: kommunfullmaktige
            kind: protokolljustering
            lost_income: {amount: "500"}
            childcare_hours: "2"
    """)
    assert paid(result, "barntillsyn") == []
    assert [r.rule for r in result.rejected] == ["5.2"]
    assert "lost_income.hours" in result.rejected[0].reason


def test_free_time_pays_all_childcare_hours(rated: Rules) -> None:
    # Free time: no lost income paid, so nothing overlaps: 5 h × 150 = 750,00
    result = run_with(rated, meeting('free_time: true\n            lost_income: {hours: "3"}\n'
                                     '            childcare_hours: "5"', 'income: {hourly: "300"}'))
    assert paid(result, "forlorad_arbetsinkomst") == [Decimal("0")]
    assert paid(result, "barntillsyn") == [Decimal("750.00")]


def test_vard_och_tillsyn_same_rule(rated: Rules) -> None:
    # 4 h vård och tillsyn − 1,5 h lost income = 2,5 h × 180 = 450,00 (5.3)
    result = run_with(rated, meeting('lost_income: {hours: "1.5"}\n            care_hours: "4"',
                                     'income: {hourly: "300"}'))
    assert paid(result, "vard_och_tillsyn") == [Decimal("450.00")]
    assert [line.rule for line in result.lines if line.type == "vard_och_tillsyn"] == ["5.3"]


@settings(max_examples=60, deadline=None)
@given(
    childcare=st.integers(min_value=1, max_value=40).map(lambda q: Decimal(q) / 4),
    lost=st.integers(min_value=1, max_value=40).map(lambda q: Decimal(q) / 4),
)
def test_childcare_never_pays_lost_income_hours(
    rated: Rules, childcare: Decimal, lost: Decimal
) -> None:
    # Property: barntillsyn = max(childcare − lost, 0) × 150, whatever the hours (quarter hours)
    result = run_with(rated, meeting(f'lost_income: {{hours: "{lost}"}}\n'
                                     f'            childcare_hours: "{childcare}"',
                                     'income: {hourly: "100"}'))
    assert paid(result, "barntillsyn") == [max(childcare - lost, Decimal(0)) * 150]


# ---------------------------------------------------------------- 3.2 b förlorad semesterdag
def test_lost_vacation_day_from_hourly(run: Run) -> None:
    # 310 × 8 h = 2 480,00 per day (under maxbelopp 3 360); 2 days = 4 960,00
    result = run(meeting("lost_vacation_days: 2", 'income: {hourly: "310"}'))
    assert paid(result, "forlorad_semesterdag") == [Decimal("4960.00")]
    assert result.lines[-1].rule == "3.2 b"


def test_lost_vacation_day_from_yearly(run: Run) -> None:
    # 480 000 / 260 = 1 846,1538… per day; 2 days = 3 692,3077 → 3 692,31
    result = run(meeting("lost_vacation_days: 2", 'income: {yearly: "480000"}'))
    assert paid(result, "forlorad_semesterdag") == [Decimal("3692.31")]


def test_lost_vacation_day_capped_at_maxbelopp(run: Run) -> None:
    # 500 × 8 = 4 000 > maxbelopp 3 360: one day pays 3 360,00
    result = run(meeting("lost_vacation_days: 1", 'income: {hourly: "500"}'))
    assert paid(result, "forlorad_semesterdag") == [Decimal("3360.00")]
    assert "högst maxbelopp 3 360,00 kr" in line_of(result, "forlorad_semesterdag")


def test_lost_vacation_day_without_income_is_refused(run: Run) -> None:
    result = run(meeting("lost_vacation_days: 1"))
    assert paid(result, "forlorad_semesterdag") == []
    assert [r.rule for r in result.rejected] == ["3.2 b"]


def late(reported: str) -> str:
    """A meeting on 2025-01-08 claiming one lost vacation day, reported on ``reported``."""
    return f"""
        official: {{id: p-1, income: {{hourly: "310"}}}}
        period: {reported[:7]}
        events:
          - date: 2025-01-08
            organ: kommunfullmaktige
            kind: sammantrade
            called: "13:00-17:00"
            lost_vacation_days: 1
            reported: {reported}
    """


def test_six_months_day_of_pays_everything(run: Run) -> None:
    # Reported 2025-07-08: in time (6.1); fee 1 173,00 + semesterdag 2 480,00
    result = run(late("2025-07-08"))
    assert result.rejected == ()
    assert result.total == Decimal("3653.00")


def test_after_six_months_the_vacation_day_is_still_paid(run: Run) -> None:
    # Reported 2025-07-09: the meeting is refused (6.1), the lost vacation day paid (6.2: two years)
    result = run(late("2025-07-09"))
    assert [r.rule for r in result.rejected] == ["6.1"]
    assert paid(result, "forlorad_semesterdag") == [Decimal("2480.00")]
    assert "inom 24 månader" in line_of(result, "forlorad_semesterdag")
    assert result.total == Decimal("2480.00")


def test_two_years_day_of_and_day_after(run: Run) -> None:
    # 2027-01-08 is the last day of 6.2's two years; 2027-01-09 is refused (6.2)
    assert paid(run(late("2027-01-08")), "forlorad_semesterdag") == [Decimal("2480.00")]
    after = run(late("2027-01-09"))
    assert paid(after, "forlorad_semesterdag") == []
    assert [r.rule for r in after.rejected] == ["6.1", "6.2"]


def test_late_and_paid_by_other_pays_nothing(run: Run) -> None:
    text = late("2025-08-01").replace(
        "lost_vacation_days: 1", "lost_vacation_days: 1\n            paid_by_other: true")
    result = run(text)
    assert result.lines == ()
    assert [r.rule for r in result.rejected] == ["6.1"]


def test_every_cost_field_is_computed(run: Run) -> None:
    # No "not yet supported" refusal remains for any field of the claim contract.
    result = run(meeting(
        'travel: {km: 28, within_km: 5, hours: "1", outside_municipality: true}\n'
        '            disability_costs: "100"\n            lost_vacation_days: 1',
        'home_distance_km: 14, income: {hourly: "310"}'))
    assert not any("not yet supported" in r.reason for r in result.rejected)
    assert result.rejected == ()


def test_no_lost_vacation_day_on_free_time(run: Run) -> None:
    # 3.2: only "om hen tar tjänstledigt"; on free time nothing (was 310 × 8 = 2 480,00)
    result = run(meeting("lost_vacation_days: 1\n            free_time: true", 'income: {hourly: "310"}'))
    assert paid(result, "forlorad_semesterdag") == [Decimal("0")]
    assert result.lines[-1].rule == "3.2"
    assert "ledig tid" in line_of(result, "forlorad_semesterdag")
    assert result.total == Decimal("1173.00")  # the fee only: 1/1 × 1 173


def test_no_lost_vacation_day_on_free_time_even_when_late(run: Run) -> None:
    # reported after six months (6.1 refuses the meeting), free time: the 6.2 path pays nothing
    result = run(late("2025-07-09").replace("lost_vacation_days: 1", "lost_vacation_days: 1\n            free_time: true"))
    assert paid(result, "forlorad_semesterdag") == [Decimal("0")]
    assert result.total == Decimal("0")


# ---------------------------------------------------------------- 5.2 / 5.3 household
def test_childcare_by_the_household_pays_nothing_without_a_rate(run: Run) -> None:
    # 5.2: "betalas inte om tillsynen har utförts av person som tillhör den förtroendevaldes
    # hushåll": 0,00, and Piteå's missing timkostnad is never needed
    result = run(meeting('childcare_hours: "3"\n            childcare_by_household: true'))
    assert paid(result, "barntillsyn") == [Decimal("0")]
    assert result.lines[-1].rule == "5.2"
    assert "hushåll" in line_of(result, "barntillsyn")


def test_household_care_against_paid_care(rated: Rules) -> None:
    # with timkostnad 150 / 180: paid sitter 3 h × 150 = 450,00; household 3 h → 0,00;
    # vård och tillsyn by the household 2 h → 0,00 (5.3), not 2 × 180 = 360,00
    paid_sitter = run_with(rated, meeting('childcare_hours: "3"'))
    household = run_with(rated, meeting(
        'childcare_hours: "3"\n            childcare_by_household: true\n'
        '            care_hours: "2"\n            care_by_household: true'))
    assert paid(paid_sitter, "barntillsyn") == [Decimal("450.00")]
    assert paid(household, "barntillsyn") == [Decimal("0")]
    assert paid(household, "vard_och_tillsyn") == [Decimal("0")]
    assert "5.3" in line_of(household, "vard_och_tillsyn")


def test_household_flag_without_hours_is_located(claim: Callable[[str], object]) -> None:
    with pytest.raises(ClaimError, match=r"test\.yaml:\d+: events\[0\]\.care_by_household: .*ange care_hours"):
        claim(meeting("care_by_household: true"))


# ---------------------------------------------------------------- 5.5 övriga kostnader
def test_other_cost_approved_by_the_ordforande_is_paid(run: Run) -> None:
    # 5.5: 450,00 as claimed, with its reason and approval; fee 1/1 × 1 173
    result = run(meeting(
        'other_costs:\n'
        '              - {amount: "450.00", reason: "Parkering", approved_by: "Ordförande Eva Ek"}'))
    assert paid(result, "ovriga_kostnader") == [Decimal("450.00")]
    text = line_of(result, "ovriga_kostnader")
    assert "Parkering" in text
    assert "godkänd av Ordförande Eva Ek" in text
    assert result.lines[-1].rule == "5.5"
    assert result.total == Decimal("1623.00")  # 1 173,00 + 450,00


def test_other_cost_without_approval_is_refused(run: Run) -> None:
    # "Sådana kostnader ska styrkas och godkännas av ordförande": refused with the reason
    result = run(meeting(
        'other_costs:\n'
        '              - {amount: "120.00", reason: "Taxi"}\n'
        '              - {amount: "80.00", reason: "Porto", approved_by: "Ordförande"}'))
    assert paid(result, "ovriga_kostnader") == [Decimal("80.00")]
    (refusal,) = result.rejected
    assert (refusal.event, refusal.rule) == (0, "5.5")
    assert "inte godkänd av ordförande" in refusal.reason
    assert result.total == Decimal("1253.00")  # 1 173,00 + 80,00


def test_other_cost_of_a_non_serving_substitute_is_not_paid(run: Run) -> None:
    # 2.1.1: a substitute who does not serve gets reseersättning only
    result = run(meeting(
        'serving: false\n            other_costs:\n'
        '              - {amount: "450.00", reason: "Parkering", approved_by: "Ordförande"}'))
    assert paid(result, "ovriga_kostnader") == [Decimal("0")]
    assert "2.1.1" in line_of(result, "ovriga_kostnader")


def test_other_cost_needs_a_reason(claim: Callable[[str], object]) -> None:
    with pytest.raises(ClaimError, match=r"test\.yaml:\d+: events\[0\]\.other_costs\[0\]\.reason: obligatoriskt fält saknas"):
        claim(meeting('other_costs: [{amount: "450.00", approved_by: "Ordförande"}]'))


# ---------------------------------------------------------------- 5.1 traktamente, days and meals
def allowance(days: str) -> str:
    return meeting(f"travel:\n              outside_municipality: true\n              allowance: {days}")


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        ("[{day: halvdag}]", "145.00"),  # 50 % × 290
        ("[{day: heldag, free_meals: [lunch, middag]}]", "87.00"),  # 290 − 70 % × 290 (203)
        ("[{day: heldag, free_meals: [lunch]}]", "188.00"),  # 290 − 35 % × 290 = 101,50 → 102
        ("[{day: heldag, free_meals: [frukost]}]", "232.00"),  # 290 − 20 % × 290 (58)
        ("[{day: halvdag, free_meals: [frukost]}]", "116.00"),  # 145 − 20 % × 145 (29)
        ("[{day: halvdag, free_meals: [middag]}]", "94.00"),  # 145 − 35 % × 145 = 50,75 → 51
        ("[{day: halvdag, free_meals: [frukost, lunch, middag]}]", "14.00"),  # 145 − 130,50 → 131
        # a four-day course: 94 + (290 − 261) + 232 + 14 = 369,00
        ("[{day: halvdag, free_meals: [middag]}, {day: heldag, free_meals: [frukost, lunch, middag]},"
         " {day: heldag, free_meals: [frukost]}, {day: halvdag, free_meals: [lunch, middag, frukost]}]",
         "369.00"),
    ],
)
def test_traktamente_days_and_free_meals(run: Run, days: str, expected: str) -> None:
    result = run(allowance(days))
    assert paid(result, "traktamente") == [Decimal(expected)]
    assert result.lines[-1].rule == "5.1"


def test_traktamente_shows_skatteverkets_rounding(run: Run) -> None:
    text = line_of(run(allowance("[{day: heldag, free_meals: [lunch]}]")), "traktamente")
    assert "35 % × 290,00 kr = 101,50 kr, avrundat till 102,00 kr: 188,00 kr" in text


@pytest.mark.parametrize(
    ("travel", "problem"),
    [
        ("travel: {allowance: [{day: heldag}]}", r"travel\.allowance: .*outside_municipality: true"),
        ("travel: {outside_municipality: true, allowance: [{day: natt}]}", r"travel\.allowance\[0\]\.day: okänd dag"),
        ("travel: {outside_municipality: true, allowance: [{day: heldag, free_meals: [fika]}]}",
         r"travel\.allowance\[0\]\.free_meals\[0\]: okänd måltid"),
        ("travel: {outside_municipality: true, allowance: [{day: heldag, free_meals: [lunch, lunch]}]}",
         r"travel\.allowance\[0\]\.free_meals\[1\]: lunch angiven två gånger"),
        ("travel: {outside_municipality: true, allowance: []}", r"travel\.allowance: ange minst en dag"),
    ],
)
def test_traktamente_input_errors_are_located(claim: Callable[[str], object], travel: str, problem: str) -> None:
    with pytest.raises(ClaimError, match=rf"test\.yaml:\d+: events\[0\]\.{problem}"):
        claim(meeting(travel))


def test_other_cost_is_paid_beside_an_included_event(run: Run) -> None:
    # SN ordförande (nivå 2) at an SN sammanträde: fee 0,00 (2.3.2), the approved cost 450,00
    # (2.3: "förutom ersättning för kostnader (avsnitt 5)")
    result = run("""
        official: {id: p-1, assignments: [{role: socialnamnden.ordforande, from: 2023-01-01}]}
        period: 2025-03
        events:
          - date: 2025-03-12
            organ: socialnamnden
            kind: sammantrade
            called: "13:00-17:00"
            other_costs: [{amount: "450.00", reason: "Parkering", approved_by: "Vice ordförande"}]
    """)
    event = [(l.type, l.amount) for l in result.lines if l.event == 0]
    assert event == [("sammantradesersattning", Decimal("0")), ("ovriga_kostnader", Decimal("450.00"))]


def test_csv_columns_for_household_and_other_cost(tmp_path: Path, rules: Rules) -> None:
    # payroll CSV: childcare by the household → 0,00 (5.2); one approved other cost per row → 450,00
    (tmp_path / "rader.csv").write_text(
        "official_id,period,date,organ,kind,called,childcare_hours,childcare_by_household,"
        "other_cost_amount,other_cost_reason,other_cost_approved_by\n"
        "p-1,2025-03,2025-03-12,kommunfullmaktige,sammantrade,13:00-17:00,3,ja,450.00,Parkering,Ordförande\n",
        encoding="utf-8")
    (claim,) = load_batch([tmp_path / "rader.csv"], rules).claims
    result = calculate(claim, rules)
    assert paid(result, "barntillsyn") == [Decimal("0")]
    assert paid(result, "ovriga_kostnader") == [Decimal("450.00")]
    assert result.total == Decimal("1623.00")  # 1 173,00 + 450,00


def test_csv_other_cost_without_reason_is_located(tmp_path: Path, rules: Rules) -> None:
    (tmp_path / "rader.csv").write_text(
        "official_id,period,date,organ,kind,called,other_cost_amount\n"
        "p-1,2025-03,2025-03-12,kommunfullmaktige,sammantrade,13:00-17:00,450.00\n",
        encoding="utf-8")
    with pytest.raises(ClaimError, match=r"rader\.csv:2: .*reason: obligatoriskt fält saknas"):
        load_batch([tmp_path / "rader.csv"], rules)
