"""Exact money: Decimal inside, never float, rounded in one named place.

Amounts enter only as str, int or Decimal (as py-moneyed refuses floats), so a
binary fraction can never reach a payment. ``round_money`` is the single place
where an amount is rounded; its mode is always explicit and comes from the rules.
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from fractions import Fraction

__all__ = [
    "KRONA",
    "ORE",
    "UnquotedNumber",
    "exact",
    "exact_money",
    "format_json",
    "format_kr",
    "format_number",
    "round_money",
    "times",
]

class UnquotedNumber:
    """A number written without quotes in YAML that YAML 1.2 would read as a float (``310.5``).

    It is kept as the text written, never converted: no amount ever passes through a
    binary float, and every numeric reader refuses it with that text ("310.5 är ett
    flyttal; skriv talet inom citattecken"), where PyYAML would hand over 310.5 rounded
    to the nearest double.
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UnquotedNumber) and other.text == self.text

    def __hash__(self) -> int:
        return hash(("UnquotedNumber", self.text))


ORE = Decimal("0.01")
KRONA = Decimal("1")
#: Input numbers are refused from this magnitude: no claim or rule is near it, and
#: every product of such numbers stays exact within ``_PRECISION`` digits.
LIMIT = Decimal(10) ** 12
_PRECISION = 50

ROUNDING_MODES = frozenset(
    {
        decimal.ROUND_HALF_UP,
        decimal.ROUND_HALF_EVEN,
        decimal.ROUND_HALF_DOWN,
        decimal.ROUND_DOWN,
        decimal.ROUND_UP,
        decimal.ROUND_FLOOR,
        decimal.ROUND_CEILING,
    }
)


def exact(value: object) -> Decimal:
    """Turn str/int/Decimal into Decimal; refuse float and anything else.

    Raises ``TypeError``/``ValueError``; callers turn these into located errors.
    """
    if isinstance(value, bool):
        raise TypeError(f"väntade ett exakt tal, fick {value!r}")
    if isinstance(value, float | UnquotedNumber):
        raise TypeError(f"{value!r} är ett flyttal; skriv talet inom citattecken, t.ex. \"{value}\"")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        text = value.strip().replace(" ", "").replace("\u00a0", "")
        if "e" in text.lower():
            raise ValueError(f"{value!r}: skriv talet med siffror och decimalpunkt, utan exponent")
        try:
            result = Decimal(text)
        except decimal.InvalidOperation:
            raise ValueError(
                f"{value!r} är inte ett tal: skriv siffror, med decimalpunkt (eller decimalkomma i CSV)"
            ) from None
    else:
        raise TypeError(f"väntade ett exakt tal, fick {type(value).__name__}")
    if not result.is_finite():
        raise ValueError(f"{value!r} är inte ett ändligt tal")
    if abs(result) >= LIMIT:
        raise ValueError(f"{value!r} är för stort (högst {LIMIT - 1:,})".replace(",", " "))
    return result


def exact_money(value: object) -> Decimal:
    """``exact``, and at most two decimals: a kronor amount is whole öre, never rounded on entry."""
    result = exact(value)
    exponent = result.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise ValueError(f"{value!r} har fler än två decimaler (kronor och öre)")
    return result


#: The context of every exact product and rounding: far more digits than any amount has.
_EXACT = decimal.Context(prec=_PRECISION)


def times(amount: Decimal, factor: Fraction | Decimal | int) -> Decimal:
    """Multiply exactly by a fraction (1/8 of 782 kr is 97.75, not 97.7499…)."""
    if isinstance(factor, Fraction):
        return _EXACT.divide(_EXACT.multiply(amount, factor.numerator), factor.denominator)
    return amount * factor


def round_money(amount: Decimal, mode: str, quantum: Decimal = ORE) -> Decimal:
    """The one rounding function: to ``quantum`` (öre by default) with ``mode``.

    ``mode`` is a ``decimal`` rounding constant named in the rules (e.g.
    ``ROUND_HALF_UP``), never implied.
    """
    if mode not in ROUNDING_MODES:
        raise ValueError(f"okänt avrundningssätt {mode!r}")
    if quantum is ORE or quantum == ORE:  # every line: one quantize
        return amount.quantize(ORE, rounding=mode, context=_EXACT)
    if quantum <= 0:
        raise ValueError(f"avrundningssteget måste vara större än 0, inte {quantum}")
    # Count whole steps (krona, 100 kr for 6.5's årsarvode), then scale back.
    steps = _EXACT.divide(amount, quantum).quantize(KRONA, rounding=mode, context=_EXACT)
    return _EXACT.multiply(steps, quantum).quantize(ORE, context=_EXACT)


def format_json(amount: Decimal) -> str:
    """Two decimals, point, no grouping: ``"1173.00"`` (claim-format.md)."""
    return f"{amount.quantize(ORE, rounding=decimal.ROUND_HALF_UP):f}"


#: ``format_kr`` of amounts seen lately: a month's texts show the same fees, caps and sums
#: hundreds of thousands of times. Bounded, so a long-lived process does not grow with it.
_KR: dict[Decimal, str] = {}
_KR_SIZE = 8192


def format_kr(amount: Decimal, decimals: bool = True) -> str:
    """Swedish form for people: ``1 173,00 kr`` (space grouping, comma decimals)."""
    if not decimals or type(amount) is not Decimal:  # a float is never taken for the Decimal it equals
        return _format_kr(amount, decimals)
    # Equal amounts (1.5 and 1.50) have one key and one text: the text is rounded to öre.
    text = _KR.get(amount)
    if text is None:
        if len(_KR) >= _KR_SIZE:
            _KR.clear()
        text = _KR[amount] = _format_kr(amount, True)
    return text


def _format_kr(amount: Decimal, decimals: bool) -> str:
    sign = "-" if amount < 0 else ""
    value = abs(amount)
    if decimals:
        text = f"{value.quantize(ORE, rounding=decimal.ROUND_HALF_UP):,.2f}"
    elif value == value.to_integral_value():
        text = f"{value:,.0f}"
    else:
        text = f"{value.normalize():,f}"
    text = text.replace(",", " ").replace(".", ",")
    return f"{sign}{text} kr"


def format_number(value: Decimal) -> str:
    """A plain number the Swedish way, no trailing zeros: ``4,5``, ``12``."""
    text = f"{value.normalize():f}"
    return text.replace(".", ",")
