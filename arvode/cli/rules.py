"""``arvode rules check [MAPP]``: every problem of a rules set, as ``file:line: field: problem``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from arvode import DEFAULT_RULES, check_rules, find_setting, rules_folder
from arvode.cli.commands import HELP


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser("rules", help=HELP["rules"])
    actions = parser.add_subparsers(dest="action", required=True, metavar="ÅTGÄRD", title="åtgärder")
    check = actions.add_parser(
        "check", help="visa varje problem i en regelsamling (slutstatus 2 om det finns något)"
    )
    add_check_arguments(check)


def add_check_arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument("directory", nargs="?", metavar="MAPP",
                       help="regelsamlingens mapp eller namn (annars rules i arvode.toml, ARVODE_RULES eller "
                            f"den medföljande regelsamlingen {DEFAULT_RULES})")
    check.set_defaults(run=run_check)


def run_check(args: argparse.Namespace) -> int:
    setting = find_setting("rules", args.directory, "MAPP")
    directory = str(rules_folder(setting.value)) if setting is not None else None
    if setting is not None and setting.origin != "MAPP":
        print(f"arvode: regler: {directory} (från {setting.origin})", file=sys.stderr)
    report = check_rules(directory)
    for problem in report.problems:
        print(problem)
    print(report.summary(), file=sys.stderr if report.problems else sys.stdout)
    if report.ok and report.gaps:
        print(f"luckor ({len(report.gaps)} värden som regelsamlingen inte ger; en begäran som behöver "
              f"något av dem avvisas med dess namn): {', '.join(report.gaps)}")
    return 0 if report.ok else 2
