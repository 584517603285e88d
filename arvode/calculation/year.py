"""A year of one official, month by month (issue 3: "check a full year at a glance").

Months without a claim file still pay the årsarvode, so they are computed
from the official's standing as given in the nearest claim, with no events.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from arvode.base.errors import ClaimError, Location
from arvode.base.money import format_json, format_kr
from arvode.base.period import check_year, parse_period
from arvode.calculation.engine import calculate
from arvode.calculation.result import Result, in_contract_order
from arvode.claims.claim import Claim
from arvode.rules.load import Rules

__all__ = ["YearStatement", "render_year", "year_statement"]


@attrs.frozen
class YearStatement:
    official: str
    year: int
    months: tuple[Result, ...]
    from_claims: tuple[bool, ...]

    @property
    def types(self) -> list[str]:
        seen = {t for r in self.months for t in r.totals if t != "total"}
        return in_contract_order(seen)

    @property
    def totals(self) -> dict[str, Decimal]:
        sums: dict[str, Decimal] = {}
        for result in self.months:
            for key, amount in result.totals.items():
                sums[key] = sums.get(key, Decimal(0)) + amount
        return sums

    def as_json(self) -> dict[str, Any]:
        return {
            "official": self.official,
            "year": self.year,
            "months": [
                {"period": r.period, "from_claim": c, "totals": {k: format_json(v) for k, v in r.totals.items()}}
                for r, c in zip(self.months, self.from_claims, strict=True)
            ],
            "totals": {k: format_json(v) for k, v in self.totals.items()},
        }


def year_statement(claims: list[Claim], rules: Rules, year: int) -> YearStatement:
    """Twelve monthly results for one official from their claims of ``year``."""
    try:
        check_year(year)
    except ValueError as exc:
        raise ClaimError(str(exc), Location("--year")) from None
    if not claims:
        raise ClaimError("ange minst en rapportfil")
    official = claims[0].official.id
    by_period: dict[str, Claim] = {}
    for claim in claims:
        if claim.official.id != official:
            raise ClaimError(
                f"rapporter för mer än en ledamot ({official}, {claim.official.id})",
                Location(claim.file, None, "official.id"),
            )
        if claim.period in by_period:
            raise ClaimError(
                f"two claims for {claim.period} (also {by_period[claim.period].file})",
                Location(claim.file, None, "period"),
            )
        by_period[claim.period] = claim
    ordered = sorted(by_period.values(), key=lambda c: c.period)
    months, present = [], []
    for month in range(1, 13):
        period = f"{year:04d}-{month:02d}"
        found = by_period.get(period)
        if found is None:
            nearest = min(ordered, key=lambda c: abs(_index(c.period) - _index(period)))
            found = Claim(official=nearest.official, period=period, events=(), file=nearest.file)
        months.append(calculate(found, rules))
        present.append(period in by_period)
    return YearStatement(official, year, tuple(months), tuple(present))


def _index(period: str) -> int:
    return parse_period(period).index


def render_year(statement: YearStatement) -> str:
    types = statement.types
    width = 14
    head = f"{'månad':<8}" + "".join(f"{t[:width]:>{width + 2}}" for t in types) + f"{'total':>{width + 2}}"
    out = [f"{statement.official} — år {statement.year}", "", head]
    for result, present in zip(statement.months, statement.from_claims, strict=True):
        totals = result.totals
        row = f"{result.period[5:]:<3}{'' if present else '*':<5}"
        row += "".join(f"{format_kr(totals.get(t, Decimal(0)), decimals=True):>{width + 2}}" for t in types)
        row += f"{format_kr(totals['total']):>{width + 2}}"
        out.append(row)
    totals = statement.totals
    out.append(f"{'år':<8}" + "".join(f"{format_kr(totals.get(t, Decimal(0))):>{width + 2}}" for t in types)
               + f"{format_kr(totals['total']):>{width + 2}}")
    out += ["", "* ingen claim-fil för månaden: endast årsarvode enligt närmaste claim-fil"]
    return "\n".join(out)
