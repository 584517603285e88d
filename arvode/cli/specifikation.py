"""``arvode specifikation RAPPORT.yaml [--html FIL]``: a statement an official can read or print."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from arvode import ClaimError, Location, calculate, render_statement, render_statement_html
from arvode.cli.commands import HELP
from arvode.cli.common import add_rules_option, claim_days, load_claims, rules_from, warn_stale


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "specifikation", help=HELP["specifikation"],
        description="En specifikation för en förtroendevald och en månad: varje händelse med ersättning, avsnitt "
                    "och uträkning, det som inte ersätts med skälet, och summorna. I terminalen, eller som en "
                    "HTML-fil att skriva ut.",
    )
    parser.add_argument("claim", metavar="RAPPORT.yaml", help="rapporten (en förtroendevald, en månad)")
    parser.add_argument("--html", metavar="FIL", help="skriv specifikationen som en HTML-fil")
    add_rules_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    rules = rules_from(args)
    claim = load_claims([args.claim], rules)[0]
    result = calculate(claim, rules)
    warn_stale(rules, claim_days([claim]))
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    if args.html is None:
        print(render_statement(result, claim, rules))
        return 0
    path = Path(args.html)
    if path.is_dir():
        raise ClaimError("är en mapp; ange ett filnamn", Location(str(path)))
    try:
        path.write_text(render_statement_html(result, claim, rules), encoding="utf-8")
    except OSError as exc:
        raise ClaimError(f"kan inte skrivas: {exc.strerror or exc}", Location(str(path))) from None
    print(f"Specifikationen är skriven till {path}")
    return 0
