"""``arvode rapportformat``: the claim format document that ships in the package."""

from __future__ import annotations

import argparse
from typing import Any

from arvode import claim_format_document
from arvode.cli.commands import HELP


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "rapportformat", help=HELP["rapportformat"],
        description="Visar beskrivningen av rapportformatet (varje fält, CSV-kolumnerna, nycklarna). Filen "
                    "följer med paketet; --sokvag visar var den ligger.",
    )
    parser.add_argument("--sokvag", action="store_true", help="visa bara var filen ligger")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    path = claim_format_document()
    if args.sokvag:
        print(path)
    else:
        print(path.read_text(encoding="utf-8"), end="")
    return 0
