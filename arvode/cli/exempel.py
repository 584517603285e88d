"""``arvode exempel [NAMN] [--till MAPP]``: the bundled example claims, after ``pip install`` too."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from arvode import bundled_examples, copy_examples, copy_payroll_example, find_example, format_count
from arvode.cli.commands import HELP
from arvode.cli.tabell_text import wrapped


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "exempel", help=HELP["exempel"],
        description="Utan argument: listar exemplen som följer med arvode. Med NAMN: visar exemplet. Med --till: "
                    "kopierar exemplet (eller alla) till en mapp, där arvode check kan läsa dem.",
    )
    parser.add_argument("name", nargs="?", metavar="NAMN",
                        help="exemplets namn eller nummer, t.ex. 01 eller 01-ledamot-dagstak")
    parser.add_argument("--till", metavar="MAPP", help="kopiera till den här mappen (inget skrivs över)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.till is not None:
        chosen = [find_example(args.name)] if args.name else bundled_examples()
        written = copy_examples(chosen, Path(args.till))
        print(f"{format_count(len(written), 'exempel', 'exempel')} kopierade till {args.till}:")
        for path in written:
            print(f"  {path}")
        print(f"Prova: arvode check {written[0]}")
        if not args.name:
            payroll = copy_payroll_example(Path(args.till))
            print(f"En lönekörning (förteckning och tidrapport för mars 2025) i {payroll}; prova: "
                  f"arvode payroll --no-ledger --month 2025-03 {payroll} --out lon.csv")
        return 0
    if args.name:
        print(find_example(args.name).path.read_text(encoding="utf-8"), end="")
        return 0
    examples = bundled_examples()
    width = max(len(e.name) for e in examples)
    print("\n".join(wrapped("Exempel som följer med arvode (visa ett: arvode exempel 01; kopiera alla: "
                           "arvode exempel --till MAPP):", "", 2)))
    for example in examples:
        print("\n".join(wrapped(f"{example.name:<{width}}  {example.title}", "  ", width + 4)))
    return 0
