"""Invariants of 2.3/3.5/3.7/6.3 over generated officials (hypothesis)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from arvode import Rules, calculate, load_rules
from arvode.calculation.arsarvode.roller import role_percent
from arvode.calculation.year import year_statement
from arvode.claims.claim import Absence, Assignment, Claim, Official

RULES: Rules = load_rules()
ROLES = sorted(RULES.roles)
D = dt.date

roles = st.sampled_from(ROLES)
days_2025 = st.integers(0, 364).map(lambda n: D(2025, 1, 1) + dt.timedelta(days=n))


def yearly(role: str, day: dt.date) -> Decimal:
    percent = role_percent(RULES, role, day).percent
    return (Decimal("1002100") * percent / 100).quantize(Decimal("0.01"))


def month_claim(official: Official, period: str) -> Claim:
    return Claim(official=official, period=period, events=())


def arvode_paid(official: Official, period: str) -> Decimal:
    return calculate(month_claim(official, period), RULES).total


@settings(max_examples=30, deadline=None)
@given(role=roles)
def test_twelve_months_sum_to_the_yearly_amount(role: str) -> None:
    official = Official(id="p", assignments=(Assignment(role, D(2024, 1, 1)),))
    statement = year_statement([month_claim(official, "2025-01")], RULES, 2025)
    assert statement.totals["arsarvode"] == yearly(role, D(2025, 6, 1))


@settings(max_examples=40, deadline=None)
@given(role=roles, last_day=days_2025)
def test_leaver_and_successor_sum_to_the_whole(role: str, last_day: dt.date) -> None:
    period = f"{last_day:%Y-%m}"
    leaver = Official(id="a", assignments=(Assignment(role, D(2024, 1, 1), last_day),))
    successor = Official(id="b", assignments=(Assignment(role, last_day + dt.timedelta(days=1)),))
    whole = Official(id="c", assignments=(Assignment(role, D(2024, 1, 1)),))
    assert arvode_paid(leaver, period) + arvode_paid(successor, period) == arvode_paid(whole, period)


def level(role: str) -> int:
    return role_percent(RULES, role, D(2025, 6, 1)).level


@settings(max_examples=40, deadline=None)
@given(role=roles, start=days_2025, length=st.integers(1, 30), reason=st.sampled_from(["sjukdom", "foraldraledighet", "annat"]))
def test_absence_of_at_most_30_days_never_reduces(role: str, start: dt.date, length: int, reason: str) -> None:
    # 3.5 first paragraph; nivå 1–2 sick or on parental leave have their own rule (3.5, 3.6)
    assume(reason == "annat" or level(role) > 2)
    absence = Absence(start, start + dt.timedelta(days=length - 1), reason)
    present = Official(id="a", assignments=(Assignment(role, D(2024, 1, 1)),))
    absent = Official(id="a", assignments=present.assignments, absences=(absence,))
    for day in {start, absence.valid_to}:
        period = f"{day:%Y-%m}"
        assert arvode_paid(absent, period) == arvode_paid(present, period)


@settings(max_examples=40, deadline=None)
@given(role=roles, start=days_2025, length=st.integers(31, 120))
def test_absent_and_substitute_never_exceed_the_role(role: str, start: dt.date, length: int) -> None:
    end = start + dt.timedelta(days=length - 1)
    absent = Official(
        id="a", assignments=(Assignment(role, D(2024, 1, 1)),), absences=(Absence(start, end, "annat"),)
    )
    substitute = Official(id="b", assignments=(Assignment(role, start, end, acting_for="a"),))
    whole = Official(id="c", assignments=(Assignment(role, D(2024, 1, 1)),))
    period = f"{start:%Y-%m}"
    together = arvode_paid(absent, period) + arvode_paid(substitute, period)
    assert together <= arvode_paid(whole, period)
    assert together == arvode_paid(whole, period)


NIVA_1_2 = [r for r in ROLES if role_percent(RULES, r, D(2025, 6, 1)).level <= 2]


@settings(max_examples=40, deadline=None)
@given(role=st.sampled_from(NIVA_1_2), start=st.integers(1, 28), length=st.integers(1, 40))
def test_one_more_sick_day_costs_at_most_a_days_arvode(role: str, start: int, length: int) -> None:
    """3.5 second paragraph: sjuklön from the first day, so no cliff at 30 days."""
    official = Official(id="a", assignments=(Assignment(role, D(2024, 1, 1)),))
    first = D(2025, 3, start)

    def paid(days: int) -> Decimal:
        sick = Absence(first, first + dt.timedelta(days=days - 1), "sjukdom")
        return arvode_paid(attrs.evolve(official, absences=(sick,)), "2025-03")

    twelfth = arvode_paid(official, "2025-03")
    drop = paid(length) - paid(length + 1)
    assert Decimal(0) <= drop <= twelfth / 31 + Decimal("0.02")
