"""``arvode check RAPPORT.yaml [--json] [--rules MAPP]``: one claim, explained."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from arvode import calculate, render_json, render_text
from arvode.cli.commands import HELP
from arvode.cli.common import add_rules_option, claim_days, load_claims, rules_from, warn_stale


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "check", help=HELP["check"],
        description="Beräknar en eller flera rapporter (en förtroendevald, en månad per fil) och visar varje "
                    "belopp med avsnitt och uträkning, det som inte ersätts med skälet, och summorna. "
                    "Rapportens format: arvode rapportformat; en mall: arvode mall; nycklarna: arvode nycklar.",
    )
    parser.add_argument("claims", nargs="+", metavar="RAPPORT.yaml", help="rapportfiler i YAML")
    parser.add_argument("--json", action="store_true",
                        help="maskinläsbar JSON enligt rapportformatet (nycklar och händelser räknade från 0)")
    add_rules_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    rules = rules_from(args)
    claims = load_claims(args.claims, rules)
    results = [calculate(claim, rules) for claim in claims]
    warn_stale(rules, claim_days(claims))
    for result in results:
        for warning in result.warnings:  # located like rules check; paid all the same
            print(warning, file=sys.stderr)
    if args.json:
        print(render_json(results[0] if len(results) == 1 else results))
    else:
        print("\n\n".join(render_text(r, c.official.name, claim=c, rules=rules)
                          for r, c in zip(results, claims, strict=True)))
    return 0
