"""Amounts as rules data: a share or percent of another dated amount, rounded as the rules say.

Municipalities state their amounts in different ways: in kronor (a Bilaga), as
a percentage of the riksdagsarvode,
others as a share of another amount (justering = ½ halvdag, timarvode = 40 % of
grundarvode, an hourly cap = the day cap / 8), each rounded its own way (to
öre, to whole kronor with halves up, to the nearest ten kronor). A dated value
may therefore be a *formula* instead of a number:

    2023-01-01: {percent: "1.3", of: riksdagsarvode, round: {step: "1", mode: ROUND_HALF_UP},
                 reference: "Bilaga 3"}

and is computed once per rules version from the base in force (``rules.compiled``),
so a new riksdagsarvode moves every amount that follows it, and a retroactive
decision is one dated line. A formula uses the base's rounded value unless it
says ``unrounded: true`` (40 % of the grundarvode before its rounding).

A dated value may also say ``missing: true``: the amount is known not to be
known from that day (a year's årsarvode base whose last digit the source
cut off). A claim that needs it is refused with its name, never priced on the
previous year's value.

A fee scheme names its amounts by ``Amount``: a parameter, or a share
parameter of one (``{share: sammantrade.andel_upp_till_grans, of:
sammantradesersattning}``), so the line shows "1/2 × 1 173,00 kr".
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs

from arvode.base.money import ROUNDING_MODES, format_kr, format_number, round_money, times
from arvode.base.yaml import Node

__all__ = ["FORMULA_KEYS", "Amount", "Formula", "Rounding", "parse_amount", "parse_formula", "parse_rounding",
           "rounding_text"]

#: Keys of a dated value that is computed (besides ``reference`` and ``note``).
FORMULA_KEYS = frozenset({"percent", "share", "of", "round", "unrounded"})


@attrs.frozen
class Rounding:
    """To a multiple of ``step`` kronor with a ``decimal`` rounding mode."""

    step: Decimal
    mode: str

    def apply(self, amount: Decimal) -> Decimal:
        return round_money(amount, self.mode, self.step)

    @property
    def mode_text(self) -> str:
        """The rounding mode as a person says it ("halva uppåt")."""
        return rounding_text(self.mode)

    @property
    def text(self) -> str:
        how = self.mode_text
        if self.step == 1:
            return f"avrundat till hel krona ({how})"
        return f"avrundat till närmaste {format_number(self.step)} kr ({how})"


@attrs.frozen
class Formula:
    """A value computed from the parameter ``of`` in force the same day."""

    of: str
    factor: Fraction
    #: The factor as the rules write it: "1,3 %" or "1/2".
    shown: str
    rounding: Rounding | None = None
    unrounded: bool = False

    def apply(self, base: Decimal) -> tuple[Decimal, Decimal]:
        """The exact product and the value after this formula's rounding."""
        exact = times(base, self.factor)
        return exact, (self.rounding.apply(exact) if self.rounding is not None else exact)

    def text(self, base: Decimal, exact: Decimal, value: Decimal) -> str:
        """"1,3 % × riksdagsarvode 75 500,00 kr = 981,50 kr, avrundat till hel krona (halva uppåt): 982,00 kr"."""
        written = f"{self.shown} × {self.of} {exact_kr(base)}{' (oavrundat)' if self.unrounded else ''}"
        if self.rounding is None or exact == value:
            return f"{written} = {exact_kr(value)}"
        return f"{written} = {exact_kr(exact)}, {self.rounding.text}: {format_kr(value)}"


#: Decimal's rounding modes as a person says them (the YAML keeps Decimal's names).
_MODE_TEXTS = {"ROUND_HALF_UP": "halva uppåt", "ROUND_HALF_DOWN": "halva nedåt", "ROUND_HALF_EVEN": "halva till jämnt",
               "ROUND_DOWN": "nedåt", "ROUND_FLOOR": "nedåt", "ROUND_UP": "uppåt", "ROUND_CEILING": "uppåt"}


def rounding_text(mode: str) -> str:
    """``ROUND_HALF_UP`` → "halva uppåt", for every text a person reads."""
    return _MODE_TEXTS.get(mode, mode)


def exact_kr(amount: Decimal) -> str:
    """Kronor with every decimal an exact amount has (471,875 kr), at least öre: nothing rounded unseen."""
    text = format_kr(amount)
    exponent = amount.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        digits = f"{amount.normalize():f}".split(".")[1]
        text = text.replace(" kr", "")[: -2] + digits + " kr"
    return text


def parse_rounding(node: Node) -> Rounding:
    node.check_keys({"step", "mode"})
    step = node.require("step").decimal()
    if step <= 0:
        raise node.require("step").fail(f"avrundningssteget måste vara större än 0 kr (är {step})")
    mode = node.require("mode").text()
    if mode not in ROUNDING_MODES:
        modes = ", ".join(sorted(ROUNDING_MODES))
        raise node.require("mode").fail(f"okänt avrundningssätt {mode!r} (ett av {modes})")
    return Rounding(step, mode)


def parse_formula(entry: Node) -> Formula:
    """A dated value's formula: ``percent`` or ``share`` ``of`` a parameter, optionally rounded."""
    percent, share = entry.get("percent"), entry.get("share")
    if (percent is None) == (share is None):
        raise entry.fail("ange antingen percent eller share tillsammans med of, inte båda")
    of = entry.require("of").text()
    if percent is not None:
        value = percent.decimal()
        factor = Fraction(value) / 100
        shown = f"{format_number(value)} %"
    else:
        assert share is not None
        factor = share.fraction()
        shown = f"{factor.numerator}/{factor.denominator}" if factor.denominator != 1 else str(factor.numerator)
    rounding_node = entry.get("round")
    unrounded = entry.get("unrounded")
    return Formula(
        of=of,
        factor=factor,
        shown=shown,
        rounding=parse_rounding(rounding_node) if rounding_node is not None else None,
        unrounded=unrounded.boolean() if unrounded is not None else False,
    )


@attrs.frozen
class Amount:
    """An amount a scheme pays or caps at: parameter ``of``, times the share parameter ``share`` if given."""

    of: str
    share: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.of,) if self.share is None else (self.of, self.share)


def parse_amount(node: Node) -> Amount:
    """``maxbelopp`` or ``{share: forlorad_arbetsinkomst.andel_hel, of: maxbelopp}``."""
    if node.is_mapping():
        node.check_keys({"share", "of"})
        return Amount(of=node.require("of").text(), share=node.require("share").text())
    return Amount(of=node.text())

