"""4.1 pension (OPF-KL18): 4,5 % up to 7,5 IBB, 30 % above; under 1,5 % of IBB paid as cash.

IBB 2025 80 600 → limit 7,5 × 80 600 = 604 500,00, cash limit 1,5 % × 80 600 = 1 209,00.
IBB 2026 83 400 → limit 625 500,00, cash limit 1 251,00.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

from arvode import ClaimError, Line, Result, Rules
from arvode.calculation.pension import pension_statement, render_pension

ARVODE = Path(sys.executable).parent / "arvode"


def arvode(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed entry point, as a user runs it."""
    return subprocess.run([str(ARVODE), *args], capture_output=True, text=True)


def month(period: str, *lines: tuple[str, str], official: str = "p-1") -> Result:
    return Result(
        official=official,
        period=period,
        lines=tuple(Line(t, Decimal(a), "test", "test") for t, a in lines),
        rejected=(),
    )


def test_small_income_is_paid_as_cash(rules: Rules) -> None:
    # Pensionable: 3 × 1 173,00 sammanträdesersättning = 3 519,00 (lost income and travel are not)
    # 4,5 % × 3 519,00 = 158,355 → 158,36 < 1 209,00: paid as cash
    results = [
        month(f"2025-0{m}", ("sammantradesersattning", "1173.00"),
              ("forlorad_arbetsinkomst", "1395.00"), ("forlorad_pensionsforman", "62.78"),
              ("reseersattning", "81.20"))
        for m in (1, 2, 3)
    ]
    statement = pension_statement(results, rules, 2025)
    assert statement.income == Decimal("3519.00")
    assert statement.contribution_below == Decimal("158.36")
    assert statement.contribution_above == Decimal("0.00")
    assert statement.contribution == Decimal("158.36")
    assert statement.paid_as_cash
    assert dict(statement.not_pensionable) == {
        "forlorad_arbetsinkomst": Decimal("4185.00"),
        "forlorad_pensionsforman": Decimal("188.34"),
        "reseersattning": Decimal("243.60"),
    }
    assert statement.missing_periods == tuple(f"2025-{m:02d}" for m in range(4, 13))
    assert "betalas ut kontant" in render_pension(statement)


def test_kommunalrad_above_the_limit_is_set_aside(rules: Rules) -> None:
    # Årsarvode 100 %: 11 × 83 508,33 + 83 508,37 = 1 002 100,00
    # 4,5 % × 604 500,00 = 27 202,50; 30 % × (1 002 100 − 604 500 = 397 600) = 119 280,00
    # total 146 482,50 ≥ 1 209,00: set aside (pensionsbehållning, by 31 March 2026)
    results = [month(f"2025-{m:02d}", ("arsarvode", "83508.33")) for m in range(1, 12)]
    results.append(month("2025-12", ("arsarvode", "83508.37")))
    statement = pension_statement(results, rules, 2025)
    assert statement.income == Decimal("1002100.00")
    assert statement.limit == Decimal("604500.0")
    assert statement.contribution_below == Decimal("27202.50")
    assert statement.contribution_above == Decimal("119280.00")
    assert statement.contribution == Decimal("146482.50")
    assert not statement.paid_as_cash
    assert statement.missing_periods == ()
    assert any("senast 31 mars 2026" in line for line in statement.text)


@pytest.mark.parametrize(("income", "contribution", "cash"), [
    ("26866.44", Decimal("1208.99"), True),   # 4,5 % = 1 208,9898 → 1 208,99 < 1 209,00
    ("26866.67", Decimal("1209.00"), False),  # 4,5 % = 1 209,00015 → 1 209,00: not "understiger"
])
def test_cash_limit_day_before_and_day_of(
    rules: Rules, income: str, contribution: Decimal, cash: bool
) -> None:
    statement = pension_statement([month("2025-06", ("arsarvode", income))], rules, 2025)
    assert statement.contribution == contribution
    assert statement.paid_as_cash is cash


@pytest.mark.parametrize(("income", "below", "above"), [
    ("604500.00", Decimal("27202.50"), Decimal("0.00")),  # exactly 7,5 IBB: all at 4,5 %
    ("604501.00", Decimal("27202.50"), Decimal("0.30")),  # 1 kr above: 30 % × 1 = 0,30
])
def test_the_limit_itself(rules: Rules, income: str, below: Decimal, above: Decimal) -> None:
    statement = pension_statement([month("2025-06", ("arsarvode", income))], rules, 2025)
    assert (statement.contribution_below, statement.contribution_above) == (below, above)


def test_ibb_of_the_year(rules: Rules) -> None:
    # 2026: 7,5 × 83 400 = 625 500; 700 000 → 4,5 % × 625 500 = 28 147,50; 30 % × 74 500 = 22 350,00
    statement = pension_statement([month("2026-03", ("arsarvode", "700000"))], rules, 2026)
    assert statement.inkomstbasbelopp == Decimal("83400")
    assert statement.contribution == Decimal("50497.50")
    assert statement.cash_limit == Decimal("1251.00")


def test_franvaroavdrag_reduces_and_costs_do_not_count(rules: Rules) -> None:
    # 10 000,00 årsarvode − 2 000,00 frånvaroavdrag + 1 336,00 valförrättning = 9 336,00
    # 4,5 % × 9 336,00 = 420,12; travel, barntillsyn and semesterdag are not pensionable
    statement = pension_statement([month(
        "2025-09", ("arsarvode", "10000"), ("franvaroavdrag", "-2000"), ("valforrattning", "1336"),
        ("barntillsyn", "300"), ("forlorad_semesterdag", "2480"), ("traktamente", "290"),
    )], rules, 2025)
    assert statement.income == Decimal("9336")
    assert statement.contribution == Decimal("420.12")


def test_results_must_be_one_officials_year(rules: Rules) -> None:
    results = [month("2025-01", official="a"), month("2025-02", official="b")]
    with pytest.raises(ClaimError, match="mer än en ledamot"):
        pension_statement(results, rules, 2025)
    with pytest.raises(ClaimError, match="2024-12 ligger inte i 2025"):
        pension_statement([month("2024-12")], rules, 2025)


def test_as_json(rules: Rules) -> None:
    results = [month("2025-06", ("sammantradesersattning", "1173"))]
    data = pension_statement(results, rules, 2025).as_json()
    assert data["contribution"] == "52.79"  # 4,5 % × 1 173 = 52,785 → 52,79
    assert data["paid_as"] == "cash"
    assert data["rule"] == "4.1"
    names = {v["name"] for v in data["values"]}
    assert names >= {"inkomstbasbelopp", "pension.avgift_under_grans_procent"}


# ---------------------------------------------------------------- CLI
def _claim(tmp_path: Path, period: str) -> Path:
    path = tmp_path / f"{period}.yaml"
    path.write_text(textwrap.dedent(f"""
        official: {{id: p-7, name: Test Testsson}}
        period: {period}
        events:
          - date: {period}-10
            organ: socialnamnden
            kind: sammantrade
            called: "09:00-12:00"
    """), encoding="utf-8")
    return path


def test_cli_pension_json(tmp_path: Path) -> None:
    # Two meetings of 1 173,00: 2 346,00 × 4,5 % = 105,57, paid as cash
    claims = [_claim(tmp_path, "2025-03"), _claim(tmp_path, "2025-04")]
    done = arvode("pension", "--year", "2025", "--json", *map(str, claims))
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["pensionable_income"] == "2346.00"
    assert data["contribution"] == "105.57"
    assert data["paid_as"] == "cash"
    assert "2025-01" in data["periods_without_claim"]


def test_cli_pension_text(tmp_path: Path) -> None:
    done = arvode("pension", "--year", "2025", str(_claim(tmp_path, "2025-03")))
    assert done.returncode == 0, done.stderr
    assert "p-7 Test Testsson — pensionsavgift 2025" in done.stdout
    assert "4,5 % × 1 173,00 kr" in done.stdout


def test_cli_pension_claim_of_another_year_exits_2(tmp_path: Path) -> None:
    claim = _claim(tmp_path, "2025-03")
    done = arvode("pension", "--year", "2026", str(claim))
    assert done.returncode == 2
    assert str(claim) in done.stderr
    assert "period" in done.stderr
    assert "ligger inte i 2026" in done.stderr
