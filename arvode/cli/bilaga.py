"""``arvode bilaga --date DATE [--compare DATE] [--format md|html]``: Bilaga 1 for people."""

from __future__ import annotations

import argparse
from typing import Any

from arvode import BILAGA_FORMATS as FORMATS
from arvode import load_rules
from arvode import render_bilaga as render
from arvode.cli.args import day


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "bilaga", help="Bilaga 1 and the årsarvode table as in force on a date (Markdown or HTML)"
    )
    parser.add_argument("--date", required=True, type=day,
                        metavar="YYYY-MM-DD", help="day the amounts are in force")
    parser.add_argument("--compare", type=day, metavar="YYYY-MM-DD",
                        help="another day: its amounts beside --date's, with the change")
    parser.add_argument("--format", choices=FORMATS, default="md", help="md (default) or html")
    parser.add_argument("--rules", metavar="DIR",
                        help="rules folder (default: bundled Piteå rules)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    print(render(load_rules(args.rules), args.date, args.format, args.compare), end="")
    return 0
