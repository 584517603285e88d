"""``arvode omrakna --percent P --from DATUM --reference TEXT --out MAPP``: 6.5's yearly raise."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from arvode import find_setting, format_kr, format_percent, omrakna, parse_percent, rounding_text, rules_folder
from arvode.cli.args import day
from arvode.cli.commands import HELP
from arvode.cli.common import RULES_HELP


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "omrakna",
        help=HELP["omrakna"],
        description="Skriver en ny, komplett regelsamling där varje belopp som 6.5 räknar om får ett nytt värde "
                    "från det angivna datumet, avrundat som regelsamlingen anger. Äldre datum behåller sina belopp.",
    )
    parser.add_argument("--percent", required=True, metavar="P",
                        help="uppräkningen i procent, exakt med decimalpunkt, t.ex. 3.2")
    parser.add_argument("--from", dest="valid_from", required=True, type=day, metavar="ÅÅÅÅ-MM-DD",
                        help="första dagen för de nya beloppen (efter alla befintliga datum)")
    parser.add_argument("--reference", required=True, metavar="TEXT",
                        help='KSAPU:s beslut, t.ex. "KSAPU 2025-11-24 § 150"')
    parser.add_argument("--out", required=True, metavar="MAPP",
                        help="den nya regelsamlingens mapp (får inte finnas, eller ska vara tom)")
    parser.add_argument("--rules", metavar="MAPP", help=RULES_HELP)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    setting = find_setting("rules", args.rules, "--rules")
    source = str(rules_folder(setting.value)) if setting is not None else None
    if setting is not None and setting.origin != "--rules":
        print(f"arvode: regler: {source} (från {setting.origin})", file=sys.stderr)
    done = omrakna(parse_percent(args.percent), args.valid_from, args.reference, args.out, source)
    print(
        f"Omräkning {format_percent(done.percent, sign=True)} från {done.valid_from.isoformat()} "
        f"({done.reference}), avrundning {rounding_text(done.mode)}: {done.directory}"
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
