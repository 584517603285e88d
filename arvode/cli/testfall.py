"""``arvode testfall MAPP [--rules MAPP]``: a committee's hand-computed cases against a rules set.

Exit status: 0 when every case that ran agrees, 1 when some disagree, 2 when a
case file cannot be read (every file is read before any case runs, so bad input
prints no partial report). A case for a rules set that does not exist yet is
skipped with the reason and changes nothing in the status.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from arvode import CaseOutcome, find_cases, find_setting, format_count, load_case, load_rules, rules_folder, run_case
from arvode.cli.commands import HELP
from arvode.cli.common import RULES_HELP
from arvode.cli.tabell_text import wrapped


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "testfall", help=HELP["testfall"],
        description="Kör varje testfall (YAML med en rapport och det väntade utfallet, uträknat för hand) i en "
                    "mapp och visar för varje fall om beräkningen stämmer, och annars varje skillnad. Slutstatus "
                    "0 när alla stämmer, 1 när något inte stämmer, 2 när en fil inte kan läsas.",
    )
    parser.add_argument("folders", nargs="+", metavar="MAPP", help="mappar (eller filer) med testfall")
    parser.add_argument("--rules", metavar="MAPP",
                        help=f"{RULES_HELP}; gäller testfall vars rules har regelsamlingens namn")
    parser.set_defaults(run=run)


def _line(outcome: CaseOutcome) -> list[str]:
    case = outcome.case
    if outcome.skipped:
        return wrapped(f"{'hoppas över':<13} {case.id}: {outcome.skipped}", "  ", 16)
    if outcome.agrees:
        return wrapped(f"{'stämmer':<13} {case.id}: {case.name}", "  ", 16)
    out = wrapped(f"{'STÄMMER INTE':<13} {case.id}: {case.name}", "  ", 16)
    for difference in outcome.differences:
        out += wrapped(f"- {difference}", " " * 16, 18)
    return out


def run(args: argparse.Namespace) -> int:
    setting = find_setting("rules", args.rules, "--rules")
    given = None
    if setting is not None:
        folder = rules_folder(setting.value)
        given = load_rules(folder)
        origin = "" if setting.origin == "--rules" else f" (från {setting.origin})"
        print(f"Regler för testfall med rules: {given.name}: {folder}{origin}")
    cases = [load_case(path) for path in find_cases(args.folders)]
    outcomes = [run_case(case, given) for case in cases]
    for outcome in outcomes:
        print("\n".join(_line(outcome)))
    agree = sum(1 for o in outcomes if o.agrees)
    differ = sum(1 for o in outcomes if not o.agrees and not o.skipped)
    skipped = sum(1 for o in outcomes if o.skipped)
    print(f"\n{format_count(len(outcomes), 'testfall', 'testfall')}: {format_count(agree, 'stämmer', 'stämmer')}, "
          f"{differ} stämmer inte, {skipped} hoppades över.")
    if differ:
        print("Kontrollera uträkningen i de fall som inte stämmer, och regelsamlingens belopp.",
              file=sys.stderr)
    return 1 if differ else 0
