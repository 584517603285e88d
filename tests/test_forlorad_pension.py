"""4.2, second paragraph: the yearly claim for lost pension on salary above 7,5 IBB.

IBB 2025 80 600 → limit 7,5 × 80 600 = 604 500,00 kr. The monthly 4,5 % is already paid on
all lost income, so the yearly claim pays (min(certified %, 30 %) − 4,5 %) on the lost income
that fell on salary above the limit, min(lost income paid, salary − limit).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from arvode import ClaimError, NoRuleInForceError, Result, Rules, load_batch

Run = Callable[[str], Result]


def yearly(salary: str = "720000", percent: str = "30", lost: str = "52000.00",
           reported: str = "2026-03-20", year: int = 2025, period: str = "2026-03") -> str:
    return f"""
        official: {{id: p-1}}
        period: {period}
        events: []
        pension_loss_above_ibb:
          year: {year}
          salary: "{salary}"
          provision_percent: "{percent}"
          lost_income_paid: "{lost}"
          reported: {reported}
    """


def pension(result: Result) -> list[Decimal]:
    return [line.amount for line in result.lines if line.type == "forlorad_pensionsforman"]


def test_lost_income_below_the_salary_above_the_limit(run: Run) -> None:
    # 720 000 − 604 500 = 115 500 above the limit; all 52 000 lost lay above it:
    # (30 % − 4,5 %) × 52 000 = 25,5 % × 52 000 = 13 260,00
    result = run(yearly())
    assert pension(result) == [Decimal("13260.00")]
    line = result.lines[0]
    assert line.rule == "4.2"
    assert "förlorad pension 2025" in line.text  # 4.2: "tydligt framgå att beloppet avser … förlorad pension"
    assert result.rejected == ()


def test_only_the_salary_above_the_limit_counts(run: Run) -> None:
    # 630 000 − 604 500 = 25 500 above the limit < 52 000 lost: 25,5 % × 25 500 = 6 502,50
    assert pension(run(yearly(salary="630000"))) == [Decimal("6502.50")]


def test_certified_rate_capped_at_akap(run: Run) -> None:
    # certificate 31,5 % > 30 % (hogst_procent): (30 − 4,5) % × 52 000 = 13 260,00
    result = run(yearly(percent="31.5"))
    assert pension(result) == [Decimal("13260.00")]
    assert "högst 30 %" in result.lines[0].text


def test_certified_lower_rate(run: Run) -> None:
    # certificate 10 %: (10 − 4,5) % × 52 000 = 5,5 % × 52 000 = 2 860,00
    assert pension(run(yearly(percent="10"))) == [Decimal("2860.00")]


def test_salary_not_above_the_limit_is_refused(run: Run) -> None:
    # 600 000 ≤ 604 500: nothing to compensate beyond the monthly 4,5 %
    result = run(yearly(salary="600000"))
    assert pension(result) == []
    (refusal,) = result.rejected
    assert refusal.rule == "4.2"
    assert "överstiger inte" in refusal.reason


def test_31_march_day_of_and_day_after(run: Run) -> None:
    assert pension(run(yearly(reported="2026-03-31"))) == [Decimal("13260.00")]
    late = run(yearly(reported="2026-04-01", period="2026-04"))
    assert pension(late) == []
    (refusal,) = late.rejected
    assert refusal.rule == "4.2"
    assert "inkommen 2026-04-01, efter 2026-03-31" in refusal.reason


def test_default_reported_is_the_period_end(run: Run) -> None:
    # no `reported`: the claim for April 2026 arrived 2026-04-30, after 31 March
    result = run(yearly(period="2026-04").replace("          reported: 2026-03-20\n", ""))
    assert [r.rule for r in result.rejected] == ["4.2"]


@pytest.mark.parametrize("period", ["2025-12", "2027-02"])
def test_paid_only_the_year_after(run: Run, period: str) -> None:
    # 4.2: "betalas ut kontant en gång per år, året efter det år förlusten hänför sig till"
    result = run(yearly(period=period, reported=f"{period}-01"))
    assert pension(result) == []
    assert "året efter" in result.rejected[0].reason


def test_a_year_without_rules_is_a_located_error(run: Run) -> None:
    # Piteå's set starts 2025-01-01: a 2024 loss has no rules in force
    with pytest.raises(NoRuleInForceError, match=r"test\.yaml:5: pension_loss_above_ibb: inga regler gäller"):
        run(yearly(year=2024, period="2025-03", reported="2025-03-01"))


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('provision_percent: "30"', 'provision_percent: "130"', "provision_percent: en procentsats av lönen: högst 100"),
        ('salary: "720000"', "salary: 720000.5", "salary: .*flyttal"),
        ("year: 2025", "year: 2025\n          month: 3", "okänt fält"),
    ],
)
def test_bad_input_is_located(claim: Callable[[str], object], old: str, new: str, problem: str) -> None:
    with pytest.raises(ClaimError, match=rf"test\.yaml:\d+: pension_loss_above_ibb\..*{problem}|{problem}"):
        claim(yearly().replace(old, new))


def test_payroll_csv_rows_keep_the_claim_files_yearly_claim(rules: Rules, tmp_path: Path) -> None:
    # a CSV row for the same official and month is merged into the claim file: the yearly claim stays
    (tmp_path / "p-1.yaml").write_text(textwrap.dedent(yearly()), encoding="utf-8")
    (tmp_path / "rader.csv").write_text(
        "official_id,period,date,organ,kind,called\np-1,2026-03,2026-03-10,kommunfullmaktige,sammantrade,09:00-12:00\n",
        encoding="utf-8")
    (claim,) = load_batch([tmp_path], rules).claims
    assert len(claim.events) == 1
    assert claim.pension_loss_above_ibb is not None
    assert claim.pension_loss_above_ibb.salary == Decimal("720000")
