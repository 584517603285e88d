"""6.3 twelfths and 3.7 day parts: exact sums, hand-computed months."""

from __future__ import annotations

import itertools
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from arvode.calculation.arsarvode.tolftedelar import days_part, month_twelfth

TWELFTH = Fraction(1, 12)
HALF_UP = "ROUND_HALF_UP"
METHODS = ["sista_manaden_justeras", "kumulativ"]

yearly_amounts = st.decimals(min_value=Decimal("0"), max_value=Decimal("2000000"), places=2)


def test_last_month_takes_the_rest() -> None:
    # BUN ordförande 47 % × 1 002 100 = 470 987,00; / 12 = 39 248,9167 → 39 248,92;
    # December: 470 987,00 − 11 × 39 248,92 = 470 987,00 − 431 738,12 = 39 248,88
    yearly = Decimal("470987.00")
    assert month_twelfth(yearly, 1, TWELFTH, HALF_UP, "sista_manaden_justeras") == Decimal("39248.92")
    assert month_twelfth(yearly, 11, TWELFTH, HALF_UP, "sista_manaden_justeras") == Decimal("39248.92")
    assert month_twelfth(yearly, 12, TWELFTH, HALF_UP, "sista_manaden_justeras") == Decimal("39248.88")


def test_cumulative_method() -> None:
    # February: round(470 987 × 2/12 = 78 497,8333) − round(39 248,9167) = 78 497,83 − 39 248,92
    yearly = Decimal("470987.00")
    assert month_twelfth(yearly, 2, TWELFTH, HALF_UP, "kumulativ") == Decimal("39248.91")


def test_unknown_method_is_refused() -> None:
    with pytest.raises(ValueError, match="okänd metod"):
        month_twelfth(Decimal(12), 1, TWELFTH, HALF_UP, "ungefär")


@pytest.mark.parametrize("method", METHODS)
@given(yearly=yearly_amounts)
def test_twelve_months_sum_to_the_year(method: str, yearly: Decimal) -> None:
    months = [month_twelfth(yearly, m, TWELFTH, HALF_UP, method) for m in range(1, 13)]
    assert sum(months) == yearly
    assert max(months) - min(months) <= Decimal("0.12")


def test_days_part_of_april() -> None:
    # KFN ordförande 18 371,83 for April (30 days); leaver days 1–14: 14/30 × 18 371,83
    # = 8 573,5207 → 8 573,52; successor days 15–30: 18 371,83 − 8 573,52 = 9 798,31
    twelfth = Decimal("18371.83")
    assert days_part(twelfth, 1, 14, 30, HALF_UP) == Decimal("8573.52")
    assert days_part(twelfth, 15, 30, 30, HALF_UP) == Decimal("9798.31")
    assert days_part(twelfth, 1, 30, 30, HALF_UP) == twelfth


@given(
    twelfth=st.decimals(min_value=Decimal("0"), max_value=Decimal("200000"), places=2),
    days=st.sampled_from([28, 29, 30, 31]),
    data=st.data(),
)
def test_a_split_sums_to_the_whole(twelfth: Decimal, days: int, data: st.DataObject) -> None:
    cuts = sorted(data.draw(st.sets(st.integers(1, days - 1), max_size=4)))
    bounds = [0, *cuts, days]
    parts = [days_part(twelfth, a + 1, b, days, HALF_UP) for a, b in itertools.pairwise(bounds)]
    assert sum(parts) == twelfth
    assert all(p >= 0 for p in parts)
