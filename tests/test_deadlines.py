"""arvode.calculation.rapportering: 6.1 / 6.2, six months to report (two years for semesterförmån)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest

from arvode import NoRuleInForceError, Result, Rules
from arvode.calculation.rapportering import late_reason

Run = Callable[[str], Result]
d = dt.date.fromisoformat


@pytest.mark.parametrize(
    ("day", "reported", "late"),
    [
        ("2025-03-12", "2025-03-12", False),  # the same day
        ("2025-03-12", "2025-09-12", False),  # the day six months later: in time
        ("2025-03-12", "2025-09-13", True),  # one day later: refused
        ("2025-03-31", "2025-09-30", False),  # 09-31 does not exist: the month's last day
        ("2025-03-31", "2025-10-01", True),
        ("2025-08-31", "2026-02-28", False),  # February's last day
        ("2025-08-31", "2026-03-01", True),
        ("2027-08-31", "2028-02-29", False),  # leap year
        ("2027-08-31", "2028-03-01", True),
        ("2025-12-15", "2026-06-15", False),  # over the new year
        ("2025-12-15", "2026-06-16", True),
    ],
)
def test_six_months(rules: Rules, day: str, reported: str, late: bool) -> None:
    reason = late_reason(d(day), d(reported), rules.on(d(day)))
    assert (reason is not None) == late


def test_the_reason_says_when_the_last_day_was(rules: Rules) -> None:
    reason = late_reason(d("2025-03-31"), d("2025-10-01"), rules.on(d("2025-03-31")))
    assert (
        reason == "rapporterad 2025-10-01, mer än 6 månader efter 2025-03-31 (sista dag 2025-09-30)"
    )


@pytest.mark.parametrize(
    ("reported", "late"), [("2027-03-12", False), ("2027-03-13", True), ("2025-12-01", False)]
)
def test_two_years_for_semesterforman(rules: Rules, reported: str, late: bool) -> None:
    # 6.2: "senast inom två år" = 24 months
    reason = late_reason(
        d("2025-03-12"), d(reported), rules.on(d("2025-03-12")), vacation=True
    )
    assert (reason is not None) == late
    if reason:
        assert "mer än 24 månader" in reason


def test_no_rules_in_force_the_day_before(rules: Rules) -> None:
    with pytest.raises(NoRuleInForceError, match="inga regler gäller 2024-12-31"):
        late_reason(d("2024-12-31"), d("2025-01-10"), rules.on(d("2024-12-31")))
    assert late_reason(d("2025-01-01"), d("2025-07-01"), rules.on(d("2025-01-01"))) is None


# ---------------------------------------------------------------- through the engine
def test_a_late_event_is_refused_with_its_reason(run: Run) -> None:
    result = run(
        """\
        official: {id: p-1, income: {hourly: "300.00", vacation_pay_loss: true}}
        period: 2025-10
        events:
          - {date: 2025-04-09, organ: socialnamnden, kind: sammantrade, called: "13:00-16:00",
             lost_income: {hours: "3"}, reported: 2025-10-10}
          - {date: 2025-04-10, organ: socialnamnden, kind: sammantrade, called: "13:00-16:00",
             lost_income: {hours: "3"}, reported: 2025-10-10}
        """
    )
    # ev 0: last day 2025-10-09 → refused, fee and lost income alike
    # ev 1: last day 2025-10-10 → 1/1 × 1173 = 1173.00; 3 × 300 = 900.00
    assert [(r.event, r.rule, r.date) for r in result.rejected] == [(0, "6.1", d("2025-04-09"))]
    assert "mer än 6 månader" in result.rejected[0].reason
    assert {line.event for line in result.lines} == {1, None}
    # 4.2 and 3.2 a on the 900.00 actually paid: 40.50 and 108.00
    assert result.totals == {
        "sammantradesersattning": Decimal("1173.00"),
        "forlorad_arbetsinkomst": Decimal("900.00"),
        "forlorad_semesterersattning": Decimal("108.00"),
        "forlorad_pensionsforman": Decimal("40.50"),
        "total": Decimal("2221.50"),
    }


def test_the_default_report_day_is_the_periods_last_day(run: Run) -> None:
    result = run(
        """\
        official: {id: p-1}
        period: 2025-09
        events:
          - {date: 2025-03-30, organ: socialnamnden, kind: sammantrade, called: "13:00-16:00"}
          - {date: 2025-03-31, organ: socialnamnden, kind: sammantrade, called: "13:00-16:00"}
          - {date: 2025-04-01, organ: socialnamnden, kind: sammantrade, called: "13:00-16:00"}
        """
    )
    # reported 2025-09-30: 03-30 + 6 months = 09-30 in time; 03-31 + 6 months = 09-30 in time;
    # 04-01 in time. Nothing refused: 3 × 1173.00
    assert result.rejected == ()
    assert result.total == Decimal("3519.00")


def test_a_late_event_is_refused_before_the_partigruppmote_limit(run: Run) -> None:
    result = run(
        """\
        official: {id: p-1}
        period: 2025-10
        events:
          - {date: 2025-03-20, organ: kommunfullmaktige, kind: partigruppmote,
             attended: "18:00-19:00", for_meeting: 2025-03-24}
          - {date: 2025-03-21, organ: kommunfullmaktige, kind: partigruppmote,
             attended: "18:00-19:00", for_meeting: 2025-03-24, reported: 2025-09-21}
        """
    )
    # ev 0 is late (reported 2025-10-31); so ev 1, in time, is the one partigruppmöte paid: 97.75
    assert [(r.event, r.rule) for r in result.rejected] == [(0, "6.1")]
    assert [(line.event, line.amount) for line in result.lines] == [(1, Decimal("97.75"))]
