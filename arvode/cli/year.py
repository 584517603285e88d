"""``arvode year RAPPORT... --year ÅÅÅÅ``: one official's year, month by month."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any

from arvode import render_year_table, year_statement
from arvode.cli.args import year
from arvode.cli.commands import HELP
from arvode.cli.common import add_rules_option, claim_days, load_claims, rules_from, warn_stale


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "year", help=HELP["year"],
        description="Visar en förtroendevalds år månad för månad: årsarvode och varje rapport, per typ. En månad "
                    "utan rapport räknas med årsarvodet från uppgifterna i den närmaste månadens rapport.",
    )
    parser.add_argument("claims", nargs="+", metavar="RAPPORT.yaml", help="årets rapporter för en förtroendevald")
    parser.add_argument("--year", type=year, required=True, metavar="ÅÅÅÅ", help="kalenderåret")
    parser.add_argument("--json", action="store_true", help="maskinläsbar JSON")
    add_rules_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    rules = rules_from(args)
    claims = load_claims(args.claims, rules)
    statement = year_statement(claims, rules, args.year)
    # every month of the year is priced (årsarvode), not only those with a claim
    warn_stale(rules, [*claim_days(claims), *(dt.date(args.year, m, 1) for m in range(1, 13))])
    if args.json:
        print(json.dumps(statement.as_json(), ensure_ascii=False, indent=2))
    else:
        print(render_year_table(statement, claims[0].official.name, rules=rules))
    return 0
