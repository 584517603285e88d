"""``arvode pension --year YYYY CLAIM.yaml... [--json] [--rules DIR]``: 4.1 for one year.

The year's twelve months are computed as ``arvode year`` does (a month
without a claim file still pays the årsarvode of the nearest claim's
standing), then the 4.1 contribution is taken from what they pay.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from arvode import ClaimError, Location, load_claim, load_rules, pension_statement, render_pension, year_statement
from arvode.cli.args import year


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "pension", help="yearly pension contribution (4.1, OPF-KL18) from a year's claims"
    )
    parser.add_argument("claims", nargs="+", metavar="CLAIM.yaml")
    parser.add_argument("--year", type=year, required=True, help="the calendar year YYYY")
    parser.add_argument("--json", action="store_true", help="machine-readable statement")
    parser.add_argument(
        "--rules", metavar="DIR", help="rules folder (default: bundled Piteå rules)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    rules = load_rules(args.rules)
    claims = [load_claim(path, rules) for path in args.claims]
    for claim in claims:
        if not claim.period.startswith(f"{args.year:04d}-"):
            raise ClaimError(
                f"period {claim.period} is not in {args.year} (arvode pension --year {args.year})",
                Location(claim.file, None, "period"),
            )
    year = year_statement(claims, rules, args.year)
    statement = pension_statement(list(year.months), rules, args.year)
    months = zip(year.months, year.from_claims, strict=True)
    without = [result.period for result, present in months if not present]
    if args.json:
        data = statement.as_json()
        data["periods_without_claim"] = without
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        text = render_pension(statement, claims[0].official.name)
        if without:
            text += (f"\n\nMånader utan claim-fil (endast årsarvode enligt närmaste claim-fil): "
                     f"{', '.join(without)}")
        print(text)
    return 0
