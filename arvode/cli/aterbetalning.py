"""``arvode aterbetalning BELOPP [--months N] [--from ÅÅÅÅ-MM]``: 6.4 repayment plan."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from decimal import Decimal
from typing import Any

from arvode import ClaimError, Location, exact_money, parse_period, recovery_plan, render_recovery_plan
from arvode.cli.commands import HELP
from arvode.cli.common import add_rules_option, rules_from


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "aterbetalning",
        help=HELP["aterbetalning"],
        description="En skuld för för mycket utbetalt regleras direkt eller med avdrag under högst fyra månader "
                    "(6.4). Planen visar skulden och varje månads avdrag; avdragen blir exakt skulden.",
    )
    parser.add_argument("amount", metavar="BELOPP", help='skulden i kronor, t.ex. "1000.00" eller "1 000,50"')
    parser.add_argument(
        "--months", type=int, default=1, metavar="N",
        help="antal månatliga avdrag: 1 = direkt (förval); högst vad 6.4 tillåter "
        "(regelparametern aterbetalning.hogst_manader)",
    )
    parser.add_argument("--from", dest="first", metavar="ÅÅÅÅ-MM", help="månaden för det första avdraget")
    parser.add_argument("--json", action="store_true", help="maskinläsbar JSON")
    add_rules_option(parser)
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
        raise ClaimError(str(exc).replace(repr(cleaned), repr(text)), Location("BELOPP")) from None


def run(args: argparse.Namespace) -> int:
    rules = rules_from(args)
    first = _month(args.first) if args.first is not None else None
    day = first if first is not None else dt.date.today()
    plan = recovery_plan(_amount(args.amount), args.months, rules, day, first)
    if args.json:
        print(json.dumps(plan.as_json(), ensure_ascii=False, indent=2))
    else:
        print(render_recovery_plan(plan))
    return 0
