"""``arvode pension --year ÅÅÅÅ``: 4.1 for one year, from claim files or from the record.

With claim files (``RAPPORT.yaml...``) the year's twelve months are computed as
``arvode year`` does (a month without a claim file still pays the årsarvode of
the nearest claim's standing), then the 4.1 contribution is taken from what
they pay. Without them the record is read (``--ledger``, ``arvode.toml`` or the
environment, as ``arvode payroll``): what the year's payroll runs actually paid,
the avgift, the pensionsbehållning over the years and the 150 % IBB rule;
``--bokfor`` books the year's avgift as set aside, once.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any

from arvode import (
    ENV_RECORD,
    ClaimError,
    Location,
    RecordError,
    book_pension,
    find_setting,
    format_count,
    format_number,
    pension_accounts,
    pension_statement,
    period_label,
    render_pension,
    render_pension_account,
    year_statement,
)
from arvode.cli.args import year
from arvode.cli.commands import HELP
from arvode.cli.common import add_rules_option, claim_days, load_claims, rules_from, warn_stale
from arvode.cli.payroll import open_record


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "pension", help=HELP["pension"],
        description="Årets pensionsavgift enligt 4.1 (OPF-KL18): pensionsgrundande arvoden och ersättningar, "
                    "4,5 % upp till 7,5 inkomstbasbelopp och 30 % över. Med rapporter: från årets rapporter. "
                    "Utan rapporter: från liggaren, det som årets lönekörningar betalade ut, med "
                    "pensionsbehållningen över åren och regeln om engångsersättning (högst 150 % av IBB).",
    )
    parser.add_argument("claims", nargs="*", metavar="RAPPORT.yaml",
                        help="årets rapporter för en förtroendevald (utelämnas: liggaren läses)")
    parser.add_argument("--year", type=year, required=True, metavar="ÅÅÅÅ", help="kalenderåret")
    parser.add_argument("--ledger", metavar="SÖKVÄG",
                        help=f"liggaren (annars record i arvode.toml eller {ENV_RECORD}); bara utan rapporter")
    parser.add_argument("--official", metavar="ID", help="bara denna förtroendevald (liggaren)")
    parser.add_argument("--bokfor", action="store_true",
                        help="bokför årets pensionsavgift i liggaren som avsatt (eller utbetald som ersättning), "
                             "en gång per förtroendevald och år; kräver årets lönekörning för december")
    parser.add_argument("--json", action="store_true", help="maskinläsbar JSON")
    add_rules_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if not args.claims:
        return _from_record(args)
    for flag, given in (("--ledger", args.ledger), ("--official", args.official), ("--bokfor", args.bokfor)):
        if given:
            raise ClaimError(f"{flag} gäller liggaren: ange antingen rapporter eller {flag}, inte båda")
    rules = rules_from(args)
    claims = load_claims(args.claims, rules)
    for claim in claims:
        if not claim.period.startswith(f"{args.year:04d}-"):
            raise ClaimError(
                f"månaden {claim.period} ligger inte i {args.year} (arvode pension --year {args.year})",
                Location(claim.file, None, "period"),
            )
    year = year_statement(claims, rules, args.year)
    warn_stale(rules, [*claim_days(claims), *(dt.date(args.year, m, 1) for m in range(1, 13))])
    statement = pension_statement(list(year.months), rules, args.year)
    months = zip(year.months, year.from_claims, strict=True)
    without = [result.period for result, present in months if not present]
    if args.json:
        data = statement.as_json()
        data["periods_without_claim"] = without
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        text = render_pension(statement, claims[0].official.name)
        if without:
            text += (f"\n\nMånader utan rapport (bara årsarvode, från uppgifterna i den närmaste månadens "
                     f"rapport): {', '.join(period_label(p) for p in without)}")
        print(text)
    return 0


def _from_record(args: argparse.Namespace) -> int:
    setting = find_setting("record", args.ledger, "--ledger")
    if setting is None:
        raise RecordError(
            "varken rapporter eller liggare: ange årets rapporter, eller liggaren med --ledger SÖKVÄG, "
            f"record i arvode.toml eller {ENV_RECORD}")
    rules = rules_from(args)
    with open_record(setting) as record:
        if args.bokfor:
            accounts = book_pension(record, rules, args.year, args.official)
        else:
            accounts = pension_accounts(record, rules, args.year, args.official)
    if args.json:
        data = {"year": args.year, "ledger": setting.value, "officials": [a.as_json() for a in accounts]}
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    out = [f"Liggare: {setting}"]
    if args.bokfor:
        now = sum(1 for a in accounts if a.this_year is not None and a.this_year.booked_now)
        before = sum(1 for a in accounts if a.this_year is not None and not a.this_year.booked_now)
        out.append(f"Bokfört {args.year}: {format_count(now, 'förtroendevald', 'förtroendevalda')} nu, "
                   f"{format_number(before)} redan bokförda tidigare (lämnade orörda)")
    if not accounts:
        out.append(f"Liggaren har inga utbetalningar till och med {args.year}.")
    for account in accounts:
        out += ["", render_pension_account(account)]
    print("\n".join(out))
    return 0

