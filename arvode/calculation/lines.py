"""Lines of a result: one builder, explanations rendered only when read.

Every payment line is rounded once, names its section, traces the rule values
it used and carries the organ that bears its cost (section 1). Its
explanation is arithmetic a person can redo, in Swedish; a national month has
almost two million lines, most never read by anyone, so a line keeps its
explanation as a template and its raw arguments (``Explanation``) and the text
is formatted when it is shown, exported or stored, always to the same string.
"""

from __future__ import annotations

import string
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from arvode.base.money import format_kr, format_number, round_money

__all__ = ["Explanation", "Text", "explain", "rounded_text"]


class _Formatter(string.Formatter):
    """``{0:kr}`` 1 173,00 kr; ``{0:kr0}`` 1 173 kr; ``{0:num}`` 4,5; ``{0:frac}`` 1/8."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "kr":
            return format_kr(value)
        if format_spec == "kr0":
            return format_kr(value, decimals=False)
        if format_spec == "num":
            return format_number(value)
        if format_spec == "frac":
            fraction = Fraction(value)
            return f"{fraction.numerator}/{fraction.denominator}"
        return str(format(value, format_spec))


_FORMATTER = _Formatter()


@attrs.frozen(slots=True)
class Explanation:
    """A line's text as a template and its arguments; ``str()`` formats it."""

    template: str
    args: tuple[Any, ...] = ()

    def __str__(self) -> str:
        return _FORMATTER.vformat(self.template, self.args, {})


Text = str | Explanation


def explain(template: str, *args: Any) -> Explanation:
    return Explanation(template, args)


def rounded_text(text: Text, exact: Decimal, mode: str) -> tuple[Decimal, Text]:
    """Round a finished line once (to öre, by the rules' mode), saying so when it changed."""
    rounded = round_money(exact, mode)
    if rounded != exact:
        return rounded, Explanation("{0}; avrundat till öre: {1:kr}", (text, rounded))
    return rounded, text
