"""``arvode year CLAIM... --year YYYY``: one official's year, month by month."""

from __future__ import annotations

import argparse
import json
from typing import Any

from arvode import load_claim, load_rules, render_year, year_statement
from arvode.cli.args import year


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "year", help="one official's year month by month (årsarvode and every claim)"
    )
    parser.add_argument("claims", nargs="+", metavar="CLAIM.yaml")
    parser.add_argument("--year", type=year, required=True)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--rules", metavar="DIR")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    rules = load_rules(args.rules)
    claims = [load_claim(path, rules) for path in args.claims]
    statement = year_statement(claims, rules, args.year)
    if args.json:
        print(json.dumps(statement.as_json(), ensure_ascii=False, indent=2))
    else:
        print(render_year(statement))
    return 0
