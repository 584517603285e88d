"""arvode.base.money: exact amounts, one rounding function, two formats."""

from __future__ import annotations

import decimal
import re
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arvode.base.money import ORE, exact, exact_money, format_json, format_kr, format_number, round_money, times


# ---------------------------------------------------------------- exact
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1173", Decimal("1173")),
        ("310.50", Decimal("310.50")),
        (" 1 173 ", Decimal("1173")),  # grouped the Swedish way
        ("1\u00a0002\u00a0100", Decimal("1002100")),  # non-breaking spaces
        (782, Decimal("782")),
        (Decimal("2.90"), Decimal("2.90")),
        ("-47599.75", Decimal("-47599.75")),
    ],
)
def test_exact_accepts_str_int_decimal(value: object, expected: Decimal) -> None:
    result = exact(value)
    assert result == expected
    assert type(result) is Decimal


def test_exact_keeps_the_written_precision() -> None:
    # "310.50" stays 310.50, not 310.5: what was written is what is used.
    assert str(exact("310.50")) == "310.50"


@pytest.mark.parametrize("value", [310.5, 0.1, 1173.0])
def test_exact_refuses_float(value: float) -> None:
    with pytest.raises(TypeError, match="flyttal"):
        exact(value)


def test_float_error_suggests_quoting() -> None:
    with pytest.raises(TypeError, match=re.escape('citattecken, t.ex. "310.5"')):
        exact(310.5)


@pytest.mark.parametrize("value", [True, False, None, [1], {"a": 1}, Fraction(1, 8)])
def test_exact_refuses_other_types(value: object) -> None:
    with pytest.raises(TypeError):
        exact(value)


@pytest.mark.parametrize("value", ["abc", "", "1,5", "12 kr"])
def test_exact_refuses_text_that_is_not_a_number(value: str) -> None:
    with pytest.raises(ValueError, match="inte ett tal"):
        exact(value)


@pytest.mark.parametrize("value", ["1e3", "1E3", "1e400", "2.5e-1"])
def test_exact_refuses_exponents(value: str) -> None:
    # "1E3" is not how an amount is written; 1e400 would overflow the arithmetic later
    with pytest.raises(ValueError, match="utan exponent"):
        exact(value)


@pytest.mark.parametrize("value", ["1000000000000", "-1000000000000.00", 10**30, "9" * 29])
def test_exact_refuses_amounts_from_the_limit(value: object) -> None:
    with pytest.raises(ValueError, match="för stort"):
        exact(value)


def test_exact_accepts_just_below_the_limit() -> None:
    assert exact("999999999999.99") == Decimal("999999999999.99")


@pytest.mark.parametrize(("value", "ok"), [("310.50", True), ("310.5", True), (782, True),
                                           ("12.345", False), ("1.000", False)])
def test_exact_money_is_whole_ore(value: object, ok: bool) -> None:
    if ok:
        assert exact_money(value) == Decimal(str(value))
    else:
        with pytest.raises(ValueError, match="fler än två decimaler"):
            exact_money(value)


def test_rounding_survives_amounts_beyond_28_digits() -> None:
    # 10^27 to öre needs 30 digits: the default 28-digit context raises InvalidOperation on
    # quantize; round_money works in 50 (a product of limited inputs stays far below).
    with pytest.raises(decimal.InvalidOperation):
        (Decimal(10) ** 27).quantize(ORE)
    assert round_money(Decimal(10) ** 27, decimal.ROUND_HALF_UP) == Decimal(10) ** 27


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "sNaN"])
def test_exact_refuses_non_finite(value: str) -> None:
    with pytest.raises(ValueError, match="ändligt"):
        exact(value)


# ---------------------------------------------------------------- times
def test_times_a_fraction_is_exact() -> None:
    # 1/8 × 782 = 97.75 exactly (2.2.1 per started hour)
    assert times(Decimal("782"), Fraction(1, 8)) == Decimal("97.75")
    # 3 × 1/8 × 782 = 293.25
    assert times(Decimal("782"), Fraction(3, 8)) == Decimal("293.25")
    # 1/4 × 3360 = 840 (2.2.2 protokolljustering cap)
    assert times(Decimal("3360"), Fraction(1, 4)) == Decimal("840")


def test_times_keeps_more_than_28_digits_for_thirds() -> None:
    # 1/3 × 100 = 33.333…: the product keeps 50 significant digits, rounded only later.
    third = times(Decimal("100"), Fraction(1, 3))
    assert str(third).startswith("33.33333333333333333333333333333")
    assert len(third.as_tuple().digits) == 50


def test_times_by_decimal_and_int() -> None:
    # 4.5 % of 1395.00 = 62.775 (4.2)
    assert times(Decimal("1395.00"), Decimal("0.045")) == Decimal("62.77500")
    assert times(Decimal("97.75"), 3) == Decimal("293.25")


# ---------------------------------------------------------------- round_money
@pytest.mark.parametrize(
    ("amount", "mode", "expected"),
    [
        ("62.775", decimal.ROUND_HALF_UP, "62.78"),  # 4.5 % × 1395.00
        ("62.775", decimal.ROUND_HALF_EVEN, "62.78"),  # 7 is odd: up
        ("62.785", decimal.ROUND_HALF_EVEN, "62.78"),  # 8 is even: stays
        ("62.785", decimal.ROUND_HALF_UP, "62.79"),
        ("765.625", decimal.ROUND_HALF_UP, "765.63"),  # 3.5 × 455000 / 260 / 8
        ("765.625", decimal.ROUND_DOWN, "765.62"),
        ("-62.775", decimal.ROUND_HALF_UP, "-62.78"),  # half away from zero
        ("1173", decimal.ROUND_HALF_UP, "1173.00"),
    ],
)
def test_round_money_to_ore(amount: str, mode: str, expected: str) -> None:
    result = round_money(Decimal(amount), mode)
    assert result == Decimal(expected)
    assert result.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("amount", "quantum", "expected"),
    [
        # 6.5: amounts to the nearest krona, årsarvode to the nearest 100 kr
        ("1196.46", "1", "1196.00"),
        ("1196.50", "1", "1197.00"),
        ("1022142.00", "100", "1022100.00"),
        ("1022150.00", "100", "1022200.00"),
    ],
)
def test_round_money_to_larger_steps(amount: str, quantum: str, expected: str) -> None:
    assert round_money(Decimal(amount), decimal.ROUND_HALF_UP, Decimal(quantum)) == Decimal(
        expected
    )


def test_round_money_refuses_an_unknown_mode() -> None:
    with pytest.raises(ValueError, match="okänt avrundningssätt"):
        round_money(Decimal("1.005"), "HALF_UP")


@pytest.mark.parametrize("quantum", ["0", "-0.01"])
def test_round_money_refuses_a_non_positive_step(quantum: str) -> None:
    with pytest.raises(ValueError, match="måste vara större än 0"):
        round_money(Decimal("1.005"), decimal.ROUND_HALF_UP, Decimal(quantum))


@settings(max_examples=200, deadline=None)
@given(
    st.decimals(
        min_value=-(10**7), max_value=10**7, allow_nan=False, allow_infinity=False, places=6
    )
)
def test_round_money_is_within_half_an_ore(amount: Decimal) -> None:
    rounded = round_money(amount, decimal.ROUND_HALF_UP)
    assert abs(rounded - amount) <= ORE / 2
    assert rounded.as_tuple().exponent == -2
    assert round_money(rounded, decimal.ROUND_HALF_UP) == rounded


# ---------------------------------------------------------------- formats
@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("1173", "1173.00"),
        ("97.75", "97.75"),
        ("0", "0.00"),
        ("1002100", "1002100.00"),  # no grouping
        ("-47599.75", "-47599.75"),
        ("2.9", "2.90"),
    ],
)
def test_format_json_two_decimals(amount: str, expected: str) -> None:
    assert format_json(Decimal(amount)) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("1173", "1 173,00 kr"),
        ("1002100", "1 002 100,00 kr"),
        ("97.75", "97,75 kr"),
        ("0", "0,00 kr"),
        ("-47599.75", "-47 599,75 kr"),
    ],
)
def test_format_kr_swedish(amount: str, expected: str) -> None:
    assert format_kr(Decimal(amount)) == expected


def test_format_kr_without_decimals() -> None:
    assert format_kr(Decimal("1173"), decimals=False) == "1 173 kr"
    assert format_kr(Decimal("1173.00"), decimals=False) == "1 173 kr"
    assert format_kr(Decimal("2.90"), decimals=False) == "2,9 kr"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("4.5", "4,5"), ("12", "12"), ("12.00", "12"), ("100", "100"), ("0.25", "0,25")],
)
def test_format_number(value: str, expected: str) -> None:
    assert format_number(Decimal(value)) == expected
