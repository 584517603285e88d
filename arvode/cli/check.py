"""``arvode check CLAIM.yaml [--json] [--rules DIR]``: one claim, explained."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from arvode import calculate, load_claim, load_rules, render_json, render_text
from arvode.cli.commands import HELP


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser("check", help=HELP["check"])
    parser.add_argument("claims", nargs="+", metavar="CLAIM.yaml")
    parser.add_argument("--json", action="store_true", help="the JSON of the claim contract")
    parser.add_argument("--rules", metavar="DIR", help="rules folder (default: bundled Piteå rules)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    rules = load_rules(args.rules)
    results, names = [], []
    for path in args.claims:
        claim = load_claim(path, rules)
        results.append(calculate(claim, rules))
        names.append(claim.official.name)
    for result in results:
        for warning in result.warnings:  # located like rules check; paid all the same
            print(warning, file=sys.stderr)
    if args.json:
        print(render_json(results[0] if len(results) == 1 else results))
    else:
        print("\n\n".join(render_text(r, n) for r, n in zip(results, names, strict=True)))
    return 0
