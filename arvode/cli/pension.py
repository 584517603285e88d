"""``arvode pension --year ÅÅÅÅ RAPPORT.yaml... [--json] [--rules MAPP]``: 4.1 for one year.

The year's twelve months are computed as ``arvode year`` does (a month
without a claim file still pays the årsarvode of the nearest claim's
standing), then the 4.1 contribution is taken from what they pay.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any

from arvode import ClaimError, Location, pension_statement, period_label, render_pension, year_statement
from arvode.cli.args import year
from arvode.cli.commands import HELP
from arvode.cli.common import add_rules_option, claim_days, load_claims, rules_from, warn_stale


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "pension", help=HELP["pension"],
        description="Årets pensionsavgift enligt 4.1 (OPF-KL18) från årets rapporter: pensionsgrundande arvoden "
                    "och ersättningar, 4,5 % upp till 7,5 inkomstbasbelopp och 30 % över.",
    )
    parser.add_argument("claims", nargs="+", metavar="RAPPORT.yaml", help="årets rapporter för en förtroendevald")
    parser.add_argument("--year", type=year, required=True, metavar="ÅÅÅÅ", help="kalenderåret")
    parser.add_argument("--json", action="store_true", help="maskinläsbar JSON")
    add_rules_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    rules = rules_from(args)
    claims = load_claims(args.claims, rules)
    for claim in claims:
        if not claim.period.startswith(f"{args.year:04d}-"):
            raise ClaimError(
                f"månaden {claim.period} ligger inte i {args.year} (arvode pension --year {args.year})",
                Location(claim.file, None, "period"),
            )
    year = year_statement(claims, rules, args.year)
    warn_stale(rules, [*claim_days(claims), *(dt.date(args.year, m, 1) for m in range(1, 13))])
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
            text += (f"\n\nMånader utan rapport (bara årsarvode, från uppgifterna i den närmaste månadens "
                     f"rapport): {', '.join(period_label(p) for p in without)}")
        print(text)
    return 0
