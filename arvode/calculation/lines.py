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
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from arvode.base.money import format_kr, format_number, round_money

__all__ = ["Explanation", "Text", "explain", "rounded_text"]


class _Formatter(string.Formatter):
    """``{0:kr}`` 1 173,00 kr; ``{0:kr0}`` 1 173 kr; ``{0:num}`` 4,5; ``{0:frac}`` 1/8."""

    def format_field(self, value: Any, format_spec: str) -> str:
        special = _SPECS.get(format_spec)
        return special(value) if special is not None else str(format(value, format_spec))


def _frac(value: Any) -> str:
    fraction = Fraction(value)
    return f"{fraction.numerator}/{fraction.denominator}"


def _kr0(value: Decimal) -> str:
    return format_kr(value, decimals=False)


_SPECS: dict[str, Callable[[Any], str]] = {"kr": format_kr, "kr0": _kr0, "num": format_number, "frac": _frac}
_FORMATTER = _Formatter()

#: A template as (literal, argument index, special format, format spec) parts; index -1: literal only.
_Plan = tuple[tuple[str, int, Callable[[Any], str] | None, str], ...]
_PLANS: dict[str, _Plan | None] = {}


def _plan(template: str) -> _Plan | None:
    """A template parsed once: a month's hundred thousand lines share a dozen templates, and
    ``string.Formatter`` parsing each again was most of the time spent on a line's text.
    ``None`` for what the plan does not cover (named fields, conversions, nested specs)."""
    parts: list[tuple[str, int, Callable[[Any], str] | None, str]] = []
    for literal, field, spec, conversion in _FORMATTER.parse(template):
        if field is None:
            parts.append((literal, -1, None, ""))
            continue
        if not field.isdigit() or conversion or (spec and "{" in spec):
            return None
        parts.append((literal, int(field), _SPECS.get(spec or ""), spec or ""))
    return tuple(parts)


@attrs.frozen(slots=True)
class Explanation:
    """A line's text as a template and its arguments; ``str()`` formats it."""

    template: str
    args: tuple[Any, ...] = ()

    def __str__(self) -> str:
        try:
            plan = _PLANS[self.template]
        except KeyError:
            plan = _PLANS[self.template] = _plan(self.template)
        if plan is None:
            return _FORMATTER.vformat(self.template, self.args, {})
        args = self.args
        out = []
        for literal, index, special, spec in plan:
            out.append(literal)
            if index < 0:
                continue
            value = args[index]
            out.append(special(value) if special is not None else format(value, spec))
        return "".join(out)


Text = str | Explanation


def explain(template: str, *args: Any) -> Explanation:
    return Explanation(template, args)


def rounded_text(text: Text, exact: Decimal, mode: str) -> tuple[Decimal, Text]:
    """Round a finished line once (to öre, by the rules' mode), saying so when it changed."""
    rounded = round_money(exact, mode)
    if rounded != exact:
        return rounded, Explanation("{0}; avrundat till öre: {1:kr}", (text, rounded))
    return rounded, text
