"""``arvode payroll --month YYYY-MM INPUT... --out FILE``: a month for a whole municipality."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from arvode.base.errors import ClaimError
from arvode.base.money import format_kr
from arvode.base.period import parse_period
from arvode.claims.batch import load_batch
from arvode.output.export import write_csv, write_paxml
from arvode.payroll.record import Ledger
from arvode.payroll.run import PayLine, PayrollRun, run_payroll
from arvode.rules.load import load_rules

DEFAULT_LEDGER = "arvode-ledger.sqlite"


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "payroll", help="one month for every official: payment lines, ledger, corrections"
    )
    parser.add_argument("inputs", nargs="*", metavar="INPUT",
                        help="claim YAML files, folders of them, CSV event files, officials registers")
    parser.add_argument("--month", required=True, metavar="YYYY-MM")
    parser.add_argument("--out", metavar="FILE.csv", help="payment lines as CSV")
    parser.add_argument("--paxml", metavar="FILE.xml", help="payment lines as PAXml 2.2")
    parser.add_argument("--ledger", default=DEFAULT_LEDGER, metavar="PATH",
                        help=f"SQLite ledger (default: {DEFAULT_LEDGER})")
    parser.add_argument("--no-ledger", action="store_true", help="compute only: no ledger, no corrections")
    parser.add_argument("--reexport", type=int, metavar="RUN",
                        help="write the lines of an earlier run from the ledger again")
    parser.add_argument("--rules", metavar="DIR")
    parser.add_argument("--quiet", action="store_true", help="no summary, no progress")
    parser.set_defaults(run=run)


def _progress(done: int, total: int) -> None:
    if total >= 200 and (done % 100 == 0 or done == total):
        print(f"\r{done}/{total} tjänstgöringsrapporter", end="\n" if done == total else "",
              file=sys.stderr, flush=True)


def _month(text: str) -> str:
    try:
        return str(parse_period(text))
    except ValueError as exc:
        raise ClaimError(f"--month: {exc}") from None


def _summary(run: PayrollRun, other: list[tuple[str, str]]) -> str:
    out = [f"Lönekörning {run.month}" + (f" (körning {run.run_id})" if run.run_id else ""),
           f"  {len(run.lines)} rader, {len(run.results)} förtroendevalda, summa {format_kr(run.total)}",
           "", "Per typ:"]
    out += [f"  {k:<30} {format_kr(v):>16}" for k, v in run.by("type").items()]
    out += ["", "Per organ (kostnadsbärare, avsnitt 1):"]
    out += [f"  {k:<30} {format_kr(v):>16}" for k, v in run.by("organ").items()]
    refused = run.refused
    if refused:
        out += ["", f"Ej ersatt ({len(refused)}; betalas inte, skälet står på raden):"]
        for official, period, rej in refused:
            where = f"händelse {rej.event}" if rej.event is not None else "månaden"
            day = rej.date.isoformat() if rej.date else ""
            out.append(f"  {official} {period} {where} {day} [{rej.rule}] {rej.reason}")
    if other:
        out += ["", f"Inte i denna körning: {len(other)} rapport(er) för andra månader "
                    f"({', '.join(sorted({p for _, p in other}))}); kör de månaderna för dem."]
    return "\n".join(out)


def run(args: argparse.Namespace) -> int:
    month = _month(args.month)
    rules = load_rules(args.rules)
    other: list[tuple[str, str]] = []
    if args.reexport is not None:
        with Ledger(args.ledger) as ledger:
            runs = {i: m for i, m, *_ in ledger.runs()}
            if runs.get(args.reexport) is None:
                raise ClaimError(f"--reexport: the ledger {args.ledger} has no run {args.reexport} "
                                 f"(runs: {', '.join(map(str, runs)) or 'none'})")
            if runs[args.reexport] != month:
                raise ClaimError(f"--reexport: run {args.reexport} paid {runs[args.reexport]}, not --month {month}")
            rows = ledger.lines_of_run(args.reexport)
        lines = [PayLine(o, p, k, None if d is None else dt.date.fromisoformat(d), t, a, r, c, g, x)
                 for o, p, k, d, t, a, r, c, g, x in rows]
        result = PayrollRun(month, tuple(lines), (), args.reexport)
    else:
        batch = load_batch(args.inputs, rules)
        # Without a ledger only this month is paid; with one, earlier months are corrected.
        other = [(c.official.id, c.period) for c in batch.claims
                 if c.period > month or (args.no_ledger and c.period != month)]
        progress = None if args.quiet or not sys.stderr.isatty() else _progress
        if args.no_ledger:
            result = run_payroll(batch, rules, month, None, progress)
        else:
            with Ledger(args.ledger) as ledger:
                result = run_payroll(batch, rules, month, ledger, progress)
    if args.out:
        write_csv(result.lines, args.out)
    if args.paxml:
        write_paxml(result.lines, month, args.paxml)
    if not args.quiet:
        print(_summary(result, other))
    return 0
