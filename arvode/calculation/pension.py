"""4.1 pension (OPF-KL18): the yearly contribution on pensionable arvoden and ersättningar.

The contribution is 4,5 % of the pensionable income up to 7,5 inkomstbasbelopp
and 30 % of the part above. Less than 1,5 % of IBB is paid out as ersättning;
more is set aside, per calendar year, to the official's pensionsbehållning.
Which line types are pensionable is a rules parameter
(``pension.pensionsgrundande_typer``, with its reading in the note), as are the
percentages and the limits; IBB per year is dated data (``basbelopp.yaml``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs

from arvode.base.errors import ClaimError, Location, RulesError
from arvode.base.money import format_json, format_kr, format_number, times
from arvode.base.period import check_year
from arvode.calculation.result import LINE_TYPES, Result
from arvode.rules.load import Rules
from arvode.rules.lookup import Lookup
from arvode.rules.params import DatedValue

__all__ = ["PensionStatement", "pension_statement", "render_pension", "statement_from_sums"]


@attrs.frozen
class PensionStatement:
    """One official's 4.1 contribution for one calendar year, with its arithmetic."""

    official: str
    year: int
    periods: tuple[str, ...]
    pensionable: tuple[tuple[str, Decimal], ...]
    not_pensionable: tuple[tuple[str, Decimal], ...]
    income: Decimal
    inkomstbasbelopp: Decimal
    limit: Decimal
    contribution_below: Decimal
    contribution_above: Decimal
    cash_limit: Decimal
    text: tuple[str, ...]
    values: tuple[DatedValue[Any], ...] = ()

    @property
    def contribution(self) -> Decimal:
        return self.contribution_below + self.contribution_above

    @property
    def paid_as_cash(self) -> bool:
        """4.1: a contribution below 1,5 % of IBB is paid out as ersättning."""
        return self.contribution < self.cash_limit

    @property
    def missing_periods(self) -> tuple[str, ...]:
        every = (f"{self.year:04d}-{m:02d}" for m in range(1, 13))
        return tuple(p for p in every if p not in self.periods)

    def as_json(self) -> dict[str, Any]:
        return {
            "official": self.official,
            "year": self.year,
            "periods": list(self.periods),
            "missing_periods": list(self.missing_periods),
            "pensionable": {t: format_json(a) for t, a in self.pensionable},
            "not_pensionable": {t: format_json(a) for t, a in self.not_pensionable},
            "pensionable_income": format_json(self.income),
            "inkomstbasbelopp": format_json(self.inkomstbasbelopp),
            "limit": format_json(self.limit),
            "contribution_below_limit": format_json(self.contribution_below),
            "contribution_above_limit": format_json(self.contribution_above),
            "contribution": format_json(self.contribution),
            "cash_limit": format_json(self.cash_limit),
            "paid_as": "cash" if self.paid_as_cash else "set_aside",
            "rule": "4.1",
            "text": list(self.text),
            "values": [v.as_json() for v in self.values],
        }


def _sums(results: Sequence[Result]) -> dict[str, Decimal]:
    sums: dict[str, Decimal] = {}
    for result in results:
        for line in result.lines:
            sums[line.type] = sums.get(line.type, Decimal(0)) + line.amount
    return sums


def pension_statement(results: Sequence[Result], rules: Rules, year: int) -> PensionStatement:
    """The 4.1 contribution of ``year`` from one official's monthly results of that year.

    Every result must be the same official's and for a month of ``year``
    (the year the arvode is for; see the note of ``pension.pensionsgrundande_typer``).
    """
    try:
        check_year(year)
    except ValueError as exc:
        raise ClaimError(str(exc), Location("--year")) from None
    if not results:
        raise ClaimError("pensionsbeskedet behöver minst en månads resultat")
    official = results[0].official
    for result in results:
        if result.official != official:
            raise ClaimError(f"resultat för mer än en ledamot ({official}, {result.official})")
        if not result.period.startswith(f"{year:04d}-"):
            raise ClaimError(f"perioden {result.period} ligger inte i {year}")
    periods = tuple(sorted({r.period for r in results}))
    return statement_from_sums(official, year, periods, _sums(results), rules)


def statement_from_sums(
    official: str, year: int, periods: Sequence[str], sums: dict[str, Decimal], rules: Rules
) -> PensionStatement:
    """The 4.1 arithmetic on a year's sums per line type, wherever they were summed.

    Shared by the claim files' year and the record's paid lines, so both read
    the same parameters the same way; types outside ``LINE_TYPES`` (a 6.4
    ``aterkrav``) are neither pensionable nor arvode and are left out.
    """
    look = Lookup(rules, dt.date(year, 12, 31))
    kinds = look.value("pension.pensionsgrundande_typer").value
    unknown = [t for t in kinds if t not in LINE_TYPES]
    if unknown:
        found = look.value("pension.pensionsgrundande_typer")
        raise RulesError(
            f"okänd radtyp {', '.join(unknown)} (en av {', '.join(LINE_TYPES)})",
            Location(found.file, found.line, "pension.pensionsgrundande_typer"),
        )
    pensionable = tuple((t, sums[t]) for t in LINE_TYPES if t in sums and t in kinds)
    not_pensionable = tuple((t, sums[t]) for t in LINE_TYPES if t in sums and t not in kinds)
    income = max(sum((a for _, a in pensionable), Decimal(0)), Decimal(0))
    ibb = look.amount("inkomstbasbelopp")
    count = look.share("pension.grans_inkomstbasbelopp")
    limit = times(ibb, count)
    low_pct = look.percent("pension.avgift_under_grans_procent")
    high_pct = look.percent("pension.avgift_over_grans_procent")
    below_base = min(income, limit)
    above_base = max(income - limit, Decimal(0))
    below = look.round(below_base * low_pct / 100)
    above = look.round(above_base * high_pct / 100)
    cash_pct = look.percent("pension.kontant_grans_procent_av_ibb")
    cash_limit = look.round(ibb * cash_pct / 100)
    total = below + above
    count_text = format_number(Decimal(count.numerator) / count.denominator)
    text = [
        f"Pensionsgrundande inkomst {year} (4.1: utbetalda arvoden och ersättningar): "
        + (" + ".join(f"{t} {format_kr(a)}" for t, a in pensionable) or "inga")
        + f" = {format_kr(income)}",
        f"Gräns {count_text} × inkomstbasbelopp {format_kr(ibb, decimals=False)} = "
        f"{format_kr(limit)}",
        f"{format_number(low_pct)} % × {format_kr(below_base)} (upp till gränsen) = "
        f"{format_kr(below)}",
        f"{format_number(high_pct)} % × {format_kr(above_base)} (över gränsen) = "
        f"{format_kr(above)}",
        f"Pensionsavgift {format_kr(below)} + {format_kr(above)} = {format_kr(total)}",
    ]
    limit_text = (
        f"{format_number(cash_pct)} % × {format_kr(ibb, decimals=False)} = {format_kr(cash_limit)}"
    )
    if total < cash_limit:
        text.append(f"Understiger {limit_text}: betalas ut kontant som ersättning (4.1)")
    else:
        text.append(
            f"Understiger inte {limit_text}: avsätts till pensionsbehållning hos kommunen, "
            f"senast 31 mars {year + 1} (4.1)"
        )
    if not_pensionable:
        text.append(
            "Ej pensionsgrundande (pension.pensionsgrundande_typer): "
            + ", ".join(f"{t} {format_kr(a)}" for t, a in not_pensionable)
        )
    return PensionStatement(
        official=official,
        year=year,
        periods=tuple(periods),
        pensionable=pensionable,
        not_pensionable=not_pensionable,
        income=income,
        inkomstbasbelopp=ibb,
        limit=limit,
        contribution_below=below,
        contribution_above=above,
        cash_limit=cash_limit,
        text=tuple(text),
        values=look.used,
    )


def render_pension(statement: PensionStatement, name: str | None = None) -> str:
    """The statement for people: the arithmetic, line by line, and the decision."""
    who = f"{statement.official} {name}" if name else statement.official
    out = [f"{who} — pensionsavgift {statement.year} (4.1, OPF-KL18)", ""]
    out += [f"  {line}" for line in statement.text]
    if statement.missing_periods:
        out += ["", f"  Månader utan resultat: {', '.join(statement.missing_periods)}"]
    decision = "betalas ut kontant" if statement.paid_as_cash else "avsätts"
    out += ["", f"Pensionsavgift {format_kr(statement.contribution)}: {decision}"]
    return "\n".join(out)
