"""6.4 recovery of an overpayment: at once or over at most four months, exact to the öre."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from arvode import ClaimError, Rules
from arvode.calculation.aterbetalning import recovery_parts, recovery_plan
from arvode.rules.lookup import Lookup

ARVODE = Path(sys.executable).parent / "arvode"
DAY = dt.date(2025, 6, 1)


def arvode(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed entry point, as a user runs it."""
    return subprocess.run([str(ARVODE), *args], capture_output=True, text=True)


def parts(amount: str, months: int | None, rules: Rules) -> list[Decimal]:
    return list(recovery_parts(Decimal(amount), Lookup(rules, DAY), months)[0])


def test_thousand_over_three_months(rules: Rules) -> None:
    # 1 000,00 / 3 = 333,333… → 333,33 each, 1 öre left goes to the first month
    assert parts("1000.00", 3, rules) == [Decimal("333.34"), Decimal("333.33"), Decimal("333.33")]


def test_over_four_months(rules: Rules) -> None:
    # 1 000,50 / 4 = 250,125 → 250,12 each, 2 öre left: 250,13 + 250,13 + 250,12 + 250,12
    assert parts("1000.50", 4, rules) == [Decimal("250.13"), Decimal("250.13"), Decimal("250.12"),
                                          Decimal("250.12")]


def test_at_once(rules: Rules) -> None:
    assert parts("1234.56", 1, rules) == [Decimal("1234.56")]


def test_default_is_the_most_months(rules: Rules) -> None:
    # Payroll's default: four months (aterbetalning.hogst_manader); 0,02 kr has only two öre
    assert len(parts("100.00", None, rules)) == 4
    assert parts("0.02", None, rules) == [Decimal("0.01"), Decimal("0.01")]


@pytest.mark.parametrize(("amount", "months", "message"), [
    ("1000", 5, "högst 4 månader"),
    ("1000", 0, "högst 4 månader"),
    ("0", 1, "större än 0"),
    ("-10", 1, "större än 0"),
    ("10.005", 1, "hela öre"),
    ("0.03", 4, "0,00 kr"),
])
def test_bad_plans_are_refused(rules: Rules, amount: str, months: int, message: str) -> None:
    with pytest.raises(ClaimError, match=message):
        parts(amount, months, rules)


def test_plan_with_months(rules: Rules) -> None:
    plan = recovery_plan(Decimal("1000.00"), 3, rules, DAY, dt.date(2025, 11, 1))
    assert plan.months == ("2025-11", "2025-12", "2026-01")
    assert plan.as_json()["deductions"][0] == {"month": "2025-11", "amount": "333.34"}
    assert "1 000,00 kr / 3 = 333,33 kr" in plan.text


@given(
    ore=st.integers(min_value=1, max_value=10**11),
    months=st.integers(min_value=1, max_value=4),
)
def test_plans_always_add_up(rules: Rules, ore: int, months: int) -> None:
    months = min(months, ore)
    amount = Decimal(ore) / 100
    plan = parts(str(amount), months, rules)
    assert sum(plan, Decimal(0)) == amount  # exactly, to the öre
    assert 1 <= len(plan) <= 4
    assert max(plan) - min(plan) <= Decimal("0.01")
    assert plan == sorted(plan, reverse=True)  # the extra öre come first
    assert all(p > 0 and p == p.quantize(Decimal("0.01")) for p in plan)


# ---------------------------------------------------------------- CLI
def test_cli_json_with_months() -> None:
    done = arvode("aterbetalning", "1000.00", "--months", "3", "--from", "2025-11", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["deductions"] == [
        {"month": "2025-11", "amount": "333.34"},
        {"month": "2025-12", "amount": "333.33"},
        {"month": "2026-01", "amount": "333.33"},
    ]
    assert data["rule"] == "6.4"


def test_cli_text_at_once_with_decimal_comma() -> None:
    done = arvode("aterbetalning", "1 000,50")
    assert done.returncode == 0, done.stderr
    assert "1 000,50 kr regleras direkt (6.4)" in done.stdout


def test_cli_too_many_months_exits_2() -> None:
    done = arvode("aterbetalning", "1000", "--months", "5")
    assert done.returncode == 2
    assert "högst 4 månader" in done.stderr
    assert "Traceback" not in done.stderr


def test_cli_bad_month_exits_2() -> None:
    done = arvode("aterbetalning", "1000", "--from", "2025-13")
    assert done.returncode == 2
    assert "--from" in done.stderr
