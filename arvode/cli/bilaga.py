"""``arvode bilaga --date DATUM [--compare DATUM] [--format md|html]``: Bilaga 1 for people."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from arvode import BILAGA_FORMATS as FORMATS
from arvode import render_bilaga as render
from arvode.cli.args import day
from arvode.cli.commands import HELP
from arvode.cli.common import add_rules_option, rules_from


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "bilaga", help=HELP["bilaga"],
        description="Bilaga 1 och årsarvodena per roll som de gäller en dag, i Markdown eller HTML; med "
                    "--compare även beloppen en annan dag och ändringen i procent.",
    )
    parser.add_argument("--date", type=day, default=None,
                        metavar="ÅÅÅÅ-MM-DD", help="dagen då beloppen gäller (förval: i dag)")
    parser.add_argument("--compare", type=day, metavar="ÅÅÅÅ-MM-DD",
                        help="en annan dag: dess belopp bredvid, med ändringen")
    parser.add_argument("--format", choices=FORMATS, default="md", help="md (förval) eller html")
    add_rules_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    print(render(rules_from(args), args.date or dt.date.today(), args.format, args.compare), end="")
    return 0
