"""2.2.3 valförrättare and röstmottagare: hours, roles, weekend and röd dag, schablon hours.

Grundarvode per timme 167 kr (Bilaga 1). Ordförande/vice 120 %, valförrättare/röstmottagare
100 %; Saturday, Sunday and röd dag +20 %, multiplying the role's percent (parameter). Each
holiday is checked on the day before and the day itself, as the holidays library does.
"""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import holidays
import pytest

from arvode import NoRuleInForceError, Result, Rules, bundled_rules_dir, calculate, load_rules
from arvode.calculation.valforrattning import holiday_names, supplement_reason
from arvode.claims.claim import claim_from_text
from arvode.rules.lookup import Lookup

Run = Callable[[str], Result]


def election(day: str, role: str = "valforrattare", hours: str = "8", extra: str = "") -> str:
    return f"""
        official: {{id: v-1, home_distance_km: 14}}
        period: {day[:7]}
        events:
          - date: {day}
            kind: valforrattning
            election_role: {role}
            hours: "{hours}"
            {extra}
    """


def paid(result: Result, type_: str = "valforrattning") -> list[Decimal]:
    return [line.amount for line in result.lines if line.type == type_]


def edited_rules(tmp_path: Path, file: str, old: str, new: str) -> Rules:
    """A copy of the bundled rules with one text replaced in one file."""
    target = tmp_path / "rules"
    shutil.copytree(bundled_rules_dir(), target)
    path = target / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return load_rules(target)


# ---------------------------------------------------------------- weekdays and weekends
def test_weekday_valforrattare(run: Run) -> None:
    # Wednesday 2025-03-12: 8 h × 167 × 100 % = 1 336,00
    result = run(election("2025-03-12"))
    assert paid(result) == [Decimal("1336.00")]
    line = result.lines[0]
    assert line.rule == "2.2.3"
    assert "8 h × 167,00 kr × 100 % = 1 336,00 kr" in line.text
    assert "onsdag, inget helgtillägg" in line.text
    names = {v.name for v in line.values}
    assert names >= {"grundarvode_per_timme", "valforrattning.procent.valforrattare"}


def test_friday_then_saturday_ordforande(run: Run) -> None:
    # Friday 2025-03-14: 13 h × 167 × 120 % = 2 605,20
    # Saturday 2025-03-15: 13 h × 167 × 120 % × 120 % = 13 × 240,48 = 3 126,24
    assert paid(run(election("2025-03-14", "ordforande", "13"))) == [Decimal("2605.20")]
    saturday = run(election("2025-03-15", "ordforande", "13"))
    assert paid(saturday) == [Decimal("3126.24")]
    assert "lördag: +20 %" in saturday.lines[0].text
    assert "120 % × 120 %" in saturday.lines[0].text


def test_saturday_sunday_monday_rostmottagare(run: Run) -> None:
    # Saturday and Sunday: 10 h × 167 × 100 % × 120 % = 2 004,00; Monday 10 × 167 = 1 670,00
    assert paid(run(election("2025-03-15", "rostmottagare", "10"))) == [Decimal("2004.00")]
    sunday = run(election("2025-03-16", "rostmottagare", "10"))
    assert paid(sunday) == [Decimal("2004.00")]
    assert "söndag: +20 %" in sunday.lines[0].text
    assert paid(run(election("2025-03-17", "rostmottagare", "10"))) == [Decimal("1670.00")]


def test_vice_ordforande_is_120_percent(run: Run) -> None:
    # Tuesday 2025-03-11: 6 h × 167 × 120 % = 1 202,40
    assert paid(run(election("2025-03-11", "vice_ordforande", "6"))) == [Decimal("1202.40")]


def test_rounding_once_to_ore(run: Run) -> None:
    # Sunday: 7,33 h × 167 × 1,2 × 1,2 = 7,33 × 240,48 = 1 762,7184 → 1 762,72
    result = run(election("2025-03-16", "ordforande", "7.33"))
    assert paid(result) == [Decimal("1762.72")]
    assert "avrundat till öre: 1 762,72 kr" in result.lines[0].text


# ---------------------------------------------------------------- röd dag
@pytest.mark.parametrize(
    ("before", "day", "name"),
    [
        ("2025-06-05", "2025-06-06", "Nationaldagen"),   # Thursday, Friday
        ("2025-06-19", "2025-06-21", "Midsommardagen"),  # Thursday, Saturday
        ("2025-05-28", "2025-05-29", "Kristi himmelsfärdsdag"),  # Wednesday, Thursday
        ("2025-04-30", "2025-05-01", "Första maj"),      # Wednesday, Thursday
        ("2025-12-24", "2025-12-25", "Juldagen"),        # Wednesday (julafton), Thursday
    ],
)
def test_day_before_and_the_holiday(run: Run, before: str, day: str, name: str) -> None:
    # Day before (a weekday): 8 h × 167 × 100 % = 1 336,00
    # The holiday: 8 h × 167 × 100 % × 120 % = 1 603,20
    assert paid(run(election(before))) == [Decimal("1336.00")]
    result = run(election(day))
    assert paid(result) == [Decimal("1603.20")]
    assert f"röd dag: {name}: +20 %" in result.lines[0].text


@pytest.mark.parametrize("eve", ["2025-06-20", "2025-12-24", "2025-12-31"])
def test_eves_are_not_red_days(run: Run, eve: str) -> None:
    # Midsommarafton (Friday), julafton (Wednesday), nyårsafton (Wednesday) 2025 are not
    # allmänna helgdagar: 8 × 167 × 100 % = 1 336,00, no supplement
    result = run(election(eve))
    assert paid(result) == [Decimal("1336.00")]
    assert "+20 %" not in result.lines[0].text


def test_juldagen_after_julafton(run: Run) -> None:
    # Julafton 2025-12-24 plain weekday 1 336,00; juldagen 2025-12-25: 8 × 167 × 1,2 = 1 603,20
    assert paid(run(election("2025-12-24"))) == [Decimal("1336.00")]
    result = run(election("2025-12-25"))
    assert paid(result) == [Decimal("1603.20")]
    assert "Juldagen" in result.lines[0].text


def test_nyarsdagen_first_day_of_the_rules(rules: Rules) -> None:
    # 2025-01-01 (Wednesday, Nyårsdagen): 8 × 167 × 1,2 = 1 603,20; 2024-12-31: no rules yet
    first = calculate(claim_from_text(_dedent(election("2025-01-01")), rules), rules)
    assert paid(first) == [Decimal("1603.20")]
    with pytest.raises(NoRuleInForceError, match="2024-12-31"):
        calculate(claim_from_text(_dedent(election("2024-12-31")), rules), rules)


def test_sunday_holiday_gets_the_supplement_once(run: Run) -> None:
    # Påskdagen 2025-04-20 is a Sunday: 8 × 167 × 1,2 = 1 603,20 (not 1,2 × 1,2)
    result = run(election("2025-04-20"))
    assert paid(result) == [Decimal("1603.20")]
    assert "söndag, röd dag: Påskdagen" in result.lines[0].text


def test_eves_follow_their_parameter(tmp_path: Path) -> None:
    # valforrattning.aftnar_som_rod_dag true: midsommarafton 2025-06-20 (Friday) gets +20 %,
    # 8 × 167 × 1,2 = 1 603,20; the Thursday before stays 1 336,00
    rules = edited_rules(
        tmp_path, "valforrattning.yaml",
        "        value: false\n        reference: \"2.2.3 (röd dag)",
        "        value: true\n        reference: \"2.2.3 (röd dag)",
    )
    eve = calculate(claim_from_text(_dedent(election("2025-06-20")), rules), rules)
    assert paid(eve) == [Decimal("1603.20")]
    assert "Midsommarafton" in eve.lines[0].text
    before = calculate(claim_from_text(_dedent(election("2025-06-19")), rules), rules)
    assert paid(before) == [Decimal("1336.00")]


def test_additive_supplement_parameter(tmp_path: Path) -> None:
    # helgtillagg_multiplikativt false: Sunday ordförande 13 h × 167 × (120 % + 20 %) = 3 039,40
    rules = edited_rules(
        tmp_path, "valforrattning.yaml",
        "        value: true\n        reference: \"2.2.3; öppen fråga",
        "        value: false\n        reference: \"2.2.3; öppen fråga",
    )
    claim = claim_from_text(_dedent(election("2025-03-16", "ordforande", "13")), rules)
    result = calculate(claim, rules)
    assert paid(result) == [Decimal("3039.40")]
    assert "(120 % + 20 %)" in result.lines[0].text


# ---------------------------------------------------------------- holidays lists every Sunday
def test_library_can_list_every_sunday_and_we_ignore_it() -> None:
    # With include_sundays=True the SE calendar names 2025-03-16 (a plain Sunday) "Söndag".
    sundays = holidays.country_holidays("SE", years=2025, language="sv", include_sundays=True)
    plain_sunday = dt.date(2025, 3, 16)
    assert sundays.get(plain_sunday) == "Söndag"
    assert holiday_names(sundays, plain_sunday) == []
    # A Sunday that is also a holiday keeps the holiday's own name.
    assert holiday_names(sundays, dt.date(2025, 4, 20)) == ["Påskdagen"]


def test_supplement_reason_names_the_weekday_not_a_holiday(rules: Rules) -> None:
    look = Lookup(rules, dt.date(2025, 3, 16))
    assert supplement_reason(dt.date(2025, 3, 16), look) == "söndag"
    assert supplement_reason(dt.date(2025, 3, 15), look) == "lördag"
    assert supplement_reason(dt.date(2025, 3, 17), look) is None
    assert supplement_reason(dt.date(2025, 6, 6), look) == "röd dag: Nationaldagen"


# ---------------------------------------------------------------- preparation and training
def test_preparation_and_training_of_ordforande_on_a_sunday(run: Run) -> None:
    # Election day Sunday 2025-03-16, 13 h: 13 × 240,48 = 3 126,24
    # Preparation: 5 h × 167 × 120 % = 1 002,00 (no supplement on schablon hours)
    # Training:    4 h × 167 × 120 % =   801,60
    result = run(election(
        "2025-03-16", "ordforande", "13", "preparation: true\n            training: true"))
    assert paid(result) == [Decimal("3126.24"), Decimal("1002.00"), Decimal("801.60")]
    assert "inget helgtillägg på schablontimmar (söndag)" in result.lines[1].text
    assert result.total == Decimal("4929.84")


def test_training_only_rostmottagare(run: Run) -> None:
    # A training event without election-day hours: 4 h × 167 × 100 % = 668,00
    result = run(election("2025-03-12", "rostmottagare", "0", "training: true"))
    assert paid(result) == [Decimal("668.00")]
    assert "ersätts med 4 h" in result.lines[0].text


def test_preparation_is_the_ordforandes_only(run: Run) -> None:
    # Valförrättare claiming preparation: 8 × 167 = 1 336,00 and a 0,00 line saying why
    result = run(election("2025-03-12", "valforrattare", "8", "preparation: true"))
    assert paid(result) == [Decimal("1336.00"), Decimal("0")]
    assert "endast ordförande i valdistrikt" in result.lines[1].text


def test_no_hours_is_an_explained_zero(run: Run) -> None:
    result = run(election("2025-03-12", "valforrattare", "0"))
    assert paid(result) == [Decimal("0")]
    assert "inga arbetade timmar" in result.lines[0].text


# ---------------------------------------------------------------- with costs and lost income
def test_lost_income_with_election_work_is_zero(run: Run) -> None:
    result = run(election("2025-03-12", extra='lost_income: {hours: "8"}'))
    assert paid(result, "forlorad_arbetsinkomst") == [Decimal("0")]
    assert result.lines[1].rule == "2.2.3"
    assert result.total == Decimal("1336.00")


def test_election_work_gets_travel_and_traktamente_only(run: Run) -> None:
    # home 14 km ≥ 6: 20 km × 2,90 = 58,00; traktamente 290,00; färdtid and barntillsyn 0,00
    # (2.2.3 gives resekostnader and traktamenten; no timkostnad needed for a refused part)
    result = run(election(
        "2025-03-12", extra='travel: {km: 20, hours: "1", outside_municipality: true}\n'
                            '            childcare_hours: "3"'))
    assert paid(result, "reseersattning") == [Decimal("58.00")]
    assert paid(result, "traktamente") == [Decimal("290.00")]
    assert paid(result, "fardtidsersattning") == [Decimal("0")]
    assert paid(result, "barntillsyn") == [Decimal("0")]
    refused = [line for line in result.lines if line.type in {"fardtidsersattning", "barntillsyn"}]
    assert all(line.rule == "2.2.3" for line in refused)
    assert result.total == Decimal("1684.00")  # 1 336,00 + 58,00 + 290,00


def _dedent(text: str) -> str:
    return textwrap.dedent(text)
