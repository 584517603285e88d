"""``arvode aterbetalning AMOUNT [--months N] [--from YYYY-MM]``: 6.4 repayment plan."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from decimal import Decimal
from typing import Any

from arvode import ClaimError, Location, exact_money, load_rules, parse_period, recovery_plan, render_recovery
from arvode.cli.commands import HELP


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "aterbetalning",
        help=HELP["aterbetalning"],
    )
    parser.add_argument("amount", metavar="AMOUNT", help='amount owed in kronor, e.g. "1000.00"')
    parser.add_argument(
        "--months", type=int, default=1, metavar="N",
        help="number of monthly deductions: 1 = at once (default); at most what 6.4 allows "
        "(rules parameter aterbetalning.hogst_manader)",
    )
    parser.add_argument(
        "--from", dest="first", metavar="YYYY-MM", help="month of the first deduction"
    )
    parser.add_argument("--json", action="store_true", help="machine-readable plan")
    parser.add_argument(
        "--rules", metavar="DIR", help="rules folder (default: bundled Piteå rules)"
    )
    parser.set_defaults(run=run)


def _month(text: str) -> dt.date:
    try:
        return parse_period(text).first_day
    except ValueError as exc:
        raise ClaimError(str(exc), Location("--from")) from None


def _amount(text: str) -> Decimal:
    cleaned = text.strip()
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")  # Swedish decimal comma: 1 000,50
    try:
        return exact_money(cleaned)
    except (TypeError, ValueError) as exc:
        raise ClaimError(str(exc).replace(repr(cleaned), repr(text)), Location("AMOUNT")) from None


def run(args: argparse.Namespace) -> int:
    rules = load_rules(args.rules)
    first = _month(args.first) if args.first is not None else None
    day = first if first is not None else dt.date.today()
    plan = recovery_plan(_amount(args.amount), args.months, rules, day, first)
    if args.json:
        print(json.dumps(plan.as_json(), ensure_ascii=False, indent=2))
    else:
        print(render_recovery(plan))
    return 0
