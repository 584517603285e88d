"""``arvode payroll --month YYYY-MM INPUT... --out FILE``: a month for a whole municipality, on the record."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from arvode import (
    ENV_RECORD,
    Batch,
    ClaimError,
    Export,
    PayrollRun,
    Record,
    RecordError,
    Rules,
    Setting,
    find_setting,
    finish_exports,
    format_count,
    format_kr,
    format_number,
    line_label,
    load_batch,
    organ_label,
    parse_period,
    reexport,
    run_payroll,
)
from arvode.cli.commands import HELP
from arvode.cli.common import RULES_HELP, rules_from, suggesting, warn_stale


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "payroll", help=HELP["payroll"],
        description="Importerar indata till liggaren och betalar månaden utifrån liggaren: bara det som "
                    "inte redan är betalt, med rättelser när något har ändrats.",
    )
    parser.add_argument("inputs", nargs="*", metavar="INDATA",
                        help="rapporter (YAML), mappar med rapporter, CSV-filer, förteckningar över förtroendevalda")
    parser.add_argument("--month", required=True, metavar="ÅÅÅÅ-MM", help="månaden som betalas")
    parser.add_argument("--out", metavar="FIL.csv", help="betalningsrader som CSV (komma, decimalpunkt, UTF-8)")
    parser.add_argument("--excel", action="store_true",
                        help="skriv --out så att Excel med svenska inställningar öppnar den rätt: semikolon, "
                             "decimalkomma, UTF-8 med BOM")
    parser.add_argument("--paxml", metavar="FIL.xml", help="betalningsrader som PAXml 2.2")
    parser.add_argument("--ledger", metavar="SÖKVÄG",
                        help=f"liggaren (annars record i arvode.toml eller {ENV_RECORD})")
    parser.add_argument("--no-ledger", action="store_true",
                        help="beräkna bara: ingen liggare, inga rättelser")
    parser.add_argument("--dry-run", action="store_true",
                        help="beräkna och skriv filerna men bokför ingenting")
    parser.add_argument("--reexport", type=int, metavar="KÖRNING",
                        help="skriv en tidigare körnings rader från liggaren igen")
    parser.add_argument("--aterkrav-manader", type=int, metavar="N", dest="recovery_months",
                        help="återkrav (6.4): 1 = regleras direkt, annars fördelat på högst 4 månader (förval: 4)")
    parser.add_argument("--wait", type=float, default=60.0, metavar="SEKUNDER",
                        help="hur länge en körning väntar på en annan som använder liggaren (förval 60)")
    parser.add_argument("--encoding", default="utf-8", metavar="KODNING",
                        help="CSV-filernas teckenkodning (förval utf-8; t.ex. cp1252 för en fil sparad som ANSI)")
    parser.add_argument("--rules", metavar="MAPP", help=RULES_HELP)
    parser.add_argument("--quiet", action="store_true", help="ingen sammanfattning, inga förloppsrader")
    parser.set_defaults(run=run)


def open_record(setting: Setting, *, wait: float = 60.0) -> Record:
    """Open the record a command uses; a refusal names where the path came from."""
    try:
        return Record(setting.value, wait=wait)
    except RecordError as exc:
        origin = "" if setting.origin == "--ledger" else f" (liggaren enligt {setting.origin})"
        raise RecordError(f"{exc.problem}{origin}", exc.location) from None


def _progress(done: int, total: int) -> None:
    if total >= 200 and (done % 100 == 0 or done == total):
        # The raw stream: "\r" is this line's own control character, not an input's.
        print(f"\r{format_number(done)}/{format_number(total)} förtroendevalda", end="\n" if done == total else "",
              file=sys.__stderr__, flush=True)


def _exports(args: argparse.Namespace) -> list[Export]:
    found = []
    if args.excel and not args.out:
        raise ClaimError("--excel gäller filen i --out: ange --out FIL.csv")
    if args.out:
        found.append(Export("excel" if args.excel else "csv", Path(args.out)))
    if args.paxml:
        found.append(Export("paxml", Path(args.paxml)))
    return found


def _sums(sums: dict[str, Decimal], label: Callable[[str], str]) -> list[str]:
    """Sums under their Swedish names, the amounts in one column (deductions with their minus sign)."""
    if not sums:
        return []
    named = [(label(key) or "Utan organ", format_kr(amount)) for key, amount in sums.items()]
    width = max(len(name) for name, _ in named)
    money = max(len(amount) for _, amount in named)
    return [f"  {name:<{width}}  {amount:>{money}}" for name, amount in named]


#: 6.4: corrections spread over months are booked back now (positive) and deducted month by month
#: (negative); summed together under "aterkrav" they read as a payment. Shown apart, each says what it is.
_DEFERRED_KEY = "aterkrav:senare"
_DEFERRED = "Rättelserna ovan, som dras av kommande månader (6.4)"


def _by_type(run: PayrollRun) -> dict[str, Decimal]:
    """Sums per line type; a 6.4 recovery's deferral apart from this month's deductions."""
    sums: dict[str, Decimal] = {}
    for line in run.lines:
        key = _DEFERRED_KEY if line.type == "aterkrav" and line.amount > 0 else line.type
        sums[key] = sums.get(key, Decimal(0)) + line.amount
    return sums


def summary(run: PayrollRun, rules: Rules | None = None) -> str:
    """What the operator reads after a run: the run id, totals, refusals, what was imported."""
    head = f"Lönekörning {run.month}"
    if run.dry_run:
        head += " (förhandsgranskning: inget är bokfört)"
    elif run.run_id is not None:
        head += f", körning {run.run_id}"
    out = [head]
    changed = [n for n in run.imported if n.what in ("ny", "ny version")]
    same = [n for n in run.imported if n.what not in ("ny", "ny version")]
    if run.imported:
        out.append(f"  Importerat: {format_number(len(changed))} nya eller ändrade, {format_number(len(same))} "
                   "redan mottagna")
        for note in run.imported:
            if note.what == "samma fil" and str(note.file) in (note.detail or ""):
                continue  # the same file given again: counted above, not worth a line each
            if note.what in ("ny version", "samma fil", "samma innehåll"):
                who = f" {note.official} {note.period}" if note.official else ""
                out.append(f"    {note.file}{who}: {note.what}" + (f" ({note.detail})" if note.detail else ""))
    if run.nothing_to_pay:
        if run.already_paid_in is not None:
            out.append(f"  Inget att betala: {run.month} är redan betald i körning {run.already_paid_in}; "
                       "befintliga filer lämnas orörda (--reexport "
                       f"{run.already_paid_in} skriver dem igen).")
        else:
            out.append(f"  Inget att betala för {run.month}.")
        return "\n".join(out)
    officials = {line.official for line in run.lines}
    people = format_count(len(officials), "förtroendevald", "förtroendevalda")
    out.append(f"  {format_count(len(run.lines), 'rad', 'rader')}, {people}, summa {format_kr(run.total)}")
    earlier = sorted({line.period for line in run.lines if line.period < run.month and line.kind == "betalning"})
    if earlier:
        out.append(f"  Med rapporter för tidigare månader: {', '.join(earlier)} (raderna anger sin månad)")
    out += ["", "Per typ:"]
    out += _sums(_by_type(run), lambda key: _DEFERRED if key == _DEFERRED_KEY else line_label(rules, key))
    out += ["", "Per organ (kostnadsbärare, avsnitt 1):"]
    out += _sums(run.by("organ"), lambda key: organ_label(rules, key))
    refused = run.refused
    if refused:
        out += ["", f"Ej ersatt ({format_number(len(refused))}; betalas inte, skälet står på raden):"]
        for official, period, rej in refused:
            where = f"händelse {rej.event + 1}" if rej.event is not None else "månaden"
            day = rej.date.isoformat() if rej.date else ""
            out.append(f"  {official} {period} {where} {day} [{rej.rule}] {rej.reason}")
    if run.later:
        periods = sorted({p for _, p in run.later})
        out += ["", f"Inte i denna körning: {format_count(len(run.later), 'rapport', 'rapporter')} för senare "
                    f"månader ({', '.join(periods)}); de betalas när de månaderna körs."]
    if run.exports:
        out += ["", "Filer: " + ", ".join(str(e.path) for e in run.exports)]
    return "\n".join(out)


def _load(args: argparse.Namespace, rules: Rules) -> Batch:
    with suggesting(rules):
        return load_batch(args.inputs, rules, encoding=args.encoding)


def _days(run: PayrollRun) -> list[dt.date]:
    """The days the run priced: its lines' dates and the month's first day (årsarvode)."""
    return [parse_period(run.month).first_day, *(line.date for line in run.lines if line.date is not None)]


def run(args: argparse.Namespace) -> int:
    try:
        month = str(parse_period(args.month))
    except ValueError as exc:
        raise ClaimError(f"--month: {exc}") from None
    exports = _exports(args)
    if args.no_ledger:
        if args.reexport is not None:
            raise ClaimError("--reexport läser liggaren; det går inte med --no-ledger")
        if not args.inputs:
            raise ClaimError("inga indata: ange rapporter, mappar, CSV-filer eller en förteckning")
        rules = rules_from(args)
        batch = _load(args, rules)
        result = run_payroll(batch, rules, month, None, exports=exports,
                             progress=_progress if sys.stderr.isatty() and not args.quiet else None)
        warn_stale(rules, _days(result))
        if not args.quiet:
            print(summary(result, rules))
        return 0
    setting = find_setting("record", args.ledger, "--ledger")
    if setting is None:
        raise RecordError(
            "ingen liggare angiven: ange --ledger SÖKVÄG, skriv record = \"SÖKVÄG\" i arvode.toml, eller sätt "
            f"{ENV_RECORD}; skapa en ny med `arvode record init SÖKVÄG` (eller kör --no-ledger)")
    with open_record(setting, wait=args.wait) as record:
        for message in finish_exports(record):
            print(f"arvode: {message}", file=sys.stderr)
        if args.reexport is not None:
            if not exports:
                raise ClaimError("--reexport: ange --out och/eller --paxml")
            result = reexport(record, args.reexport, month, exports)
            if not args.quiet:
                print(f"Liggare: {setting}\nKörning {args.reexport} ({month}): "
                      f"{format_count(len(result.lines), 'rad', 'rader')} skrivna till "
                      + ", ".join(str(e.path) for e in exports))
            return 0
        rules = rules_from(args)
        batch = _load(args, rules)
        progress = None if args.quiet or not sys.stderr.isatty() else _progress
        result = run_payroll(batch, rules, month, record, exports=exports, dry_run=args.dry_run,
                             recovery_months=args.recovery_months, progress=progress)
    warn_stale(rules, _days(result))
    if not args.quiet:
        print(f"Liggare: {setting}")
        print(summary(result, rules))
    return 0
