"""``arvode mall [--fil FIL]``: a commented claim template to fill in."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from arvode import ClaimError, Location, claim_template
from arvode.cli.commands import HELP
from arvode.cli.common import add_rules_option, rules_from


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "mall", help=HELP["mall"],
        description="Skriver en rapport att fylla i: en förtroendevald, en månad, ett möte, med svenska "
                    "kommentarer vid varje fält. Ersätt det som står med versaler, ta bort # framför de fält du "
                    "behöver och kontrollera med arvode check.",
    )
    parser.add_argument("--fil", metavar="FIL", help="skriv mallen till en ny fil (annars visas den här)")
    add_rules_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    text = claim_template(rules_from(args))
    if args.fil is None:
        print(text, end="")
        return 0
    path = Path(args.fil)
    try:
        # "x": a user's filled-in claim is never overwritten by a fresh template.
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise ClaimError("finns redan; välj ett nytt filnamn (inget skrivs över)", Location(str(path))) from None
    except OSError as exc:
        raise ClaimError(f"kan inte skrivas: {exc.strerror or exc}", Location(str(path))) from None
    print(f"Mallen är skriven till {path}. Fyll i den och kontrollera med: arvode check {os.fspath(path)}")
    return 0
