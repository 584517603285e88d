"""``arvode record init|import|status``: the payroll record (liggaren) itself."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from arvode import (
    ENV_RECORD,
    Record,
    RecordError,
    find_setting,
    finish_exports,
    format_count,
    format_kr,
    format_number,
    import_inputs,
    load_batch,
)
from arvode.cli.commands import HELP
from arvode.cli.common import RULES_HELP, rules_from, suggesting
from arvode.cli.payroll import open_record


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "record", help=HELP["record"],
        description="Liggaren håller allt som tagits emot och allt som betalats; en lönekörning räknar "
                    "från den, inte från de filer som råkar anges.")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ÅTGÄRD", title="åtgärder")
    init = actions.add_parser("init", help="skapa en ny, tom liggare (aldrig över en befintlig fil)")
    init.add_argument("path", metavar="SÖKVÄG")
    init.set_defaults(run=run_init)
    imp = actions.add_parser("import", help="importera indata utan att betala")
    imp.add_argument("inputs", nargs="+", metavar="INDATA")
    imp.add_argument("--ledger", metavar="SÖKVÄG", help=f"liggaren (annars arvode.toml eller {ENV_RECORD})")
    imp.add_argument("--rules", metavar="MAPP", help=RULES_HELP)
    imp.add_argument("--encoding", default="utf-8", metavar="KODNING", help="CSV-filernas teckenkodning")
    imp.set_defaults(run=run_import)
    status = actions.add_parser("status", help="vad liggaren innehåller, körningar och ofärdiga exporter")
    status.add_argument("--ledger", metavar="SÖKVÄG", help=f"liggaren (annars arvode.toml eller {ENV_RECORD})")
    status.set_defaults(run=run_status)


def _open(args: argparse.Namespace) -> Record:
    setting = find_setting("record", args.ledger, "--ledger")
    if setting is None:
        raise RecordError(f"ingen liggare angiven: ange --ledger SÖKVÄG, record i arvode.toml, eller {ENV_RECORD}")
    record = open_record(setting)
    print(f"Liggare: {setting}")
    return record


def run_init(args: argparse.Namespace) -> int:
    Record.create(args.path).close()
    print(f"Ny liggare skapad: {args.path}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    rules = rules_from(args)
    with suggesting(rules):
        batch = load_batch(args.inputs, rules, encoding=args.encoding)
    with _open(args) as record:
        notes = import_inputs(batch, record)
    for note in notes:
        who = f" {note.official} {note.period}" if note.official else ""
        print(f"{note.file}{who}: {note.what}" + (f" ({note.detail})" if note.detail else ""))
    return 0


def run_status(args: argparse.Namespace) -> int:
    with _open(args) as record:
        for message in finish_exports(record):
            print(f"arvode: {message}", file=sys.stderr)
        for name, count in record.counts().items():
            print(f"{name:<32} {format_number(count):>9}")
        runs = record.runs()
        if runs:
            print("\nKörningar:")
            for run in runs:
                print(f"  {run.id:>4}  {run.month}  {run.created}  {format_count(run.lines, 'rad', 'rader'):>13}  "
                      f"{format_kr(run.total):>16}")
    return 0
