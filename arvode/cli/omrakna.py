"""``arvode omrakna --percent P --from DATE --reference TEXT --out DIR``: 6.5's yearly raise."""

from __future__ import annotations

import argparse
from typing import Any

from arvode import format_kr, omrakna, parse_percent
from arvode.cli.args import day
from arvode.cli.commands import HELP


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "omrakna",
        help=HELP["omrakna"],
    )
    parser.add_argument("--percent", required=True, metavar="P", help="exact decimal, e.g. 3.2")
    parser.add_argument("--from", dest="valid_from", required=True, type=day,
                        metavar="YYYY-MM-DD",
                        help="first day of the new amounts (after every existing date)")
    parser.add_argument("--reference", required=True, metavar="TEXT",
                        help='KSAPU\'s decision, e.g. "KSAPU 2025-11-24 § 150"')
    parser.add_argument("--out", required=True, metavar="DIR",
                        help="new rules folder (must not exist, or be empty)")
    parser.add_argument("--rules", metavar="DIR",
                        help="source rules folder (default: bundled Piteå rules)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    done = omrakna(parse_percent(args.percent), args.valid_from, args.reference, args.out,
                   args.rules)
    print(
        f"Omräkning {done.percent:+f} % från {done.valid_from.isoformat()} ({done.reference}), "
        f"avrundning {done.mode}: {done.directory}"
    )
    for item, (file, line) in zip(done.raises, done.lines, strict=True):
        print(
            f"  {file}:{line}: {item.name}: {format_kr(item.old.value, decimals=False)} → "
            f"{format_kr(item.new, decimals=False)} ({item.note(done.percent)})"
        )
    if done.unchanged:
        names = ", ".join(p.name for p in done.unchanged)
        print(f"  inte omräknade (6.5 listar dem inte): {names}")
    return 0
