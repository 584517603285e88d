"""``arvode rules check [DIR]``: every problem of a rules set, as ``file:line: field: problem``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from arvode import check_rules
from arvode.cli.commands import HELP


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser("rules", help=HELP["rules"])
    actions = parser.add_subparsers(dest="action", required=True)
    check = actions.add_parser(
        "check", help="report every problem of a rules folder (exit 2 when there is any)"
    )
    check.add_argument("directory", nargs="?", metavar="DIR",
                       help="rules folder (default: bundled Piteå rules)")
    check.set_defaults(run=run_check)


def run_check(args: argparse.Namespace) -> int:
    report = check_rules(args.directory)
    for problem in report.problems:
        print(problem)
    print(report.summary(), file=sys.stderr if report.problems else sys.stdout)
    return 0 if report.ok else 2
