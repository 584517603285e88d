"""What every subcommand does the same way: find the rules, warn about stale amounts, help with keys.

KSAPU's new rules folder had to be named on every command; now ``--rules`` is
the first of three places (then ``rules = "…"`` in ``arvode.toml``, then
``ARVODE_RULES``), and a set taken from the file or the environment is named on
stderr, so nobody computes with rules they did not know were chosen. A value
may be a folder or the name of a bundled set (``arvode regler`` lists them).

A 2026 claim checked with rules that hold only 2025's omräkning is priced with
2025's amounts without a word; ``warn_stale`` says so in one line on stderr. It
is a warning: the result and the exit status are as without it.

An unknown organ, kind or role in a claim names the key (the engine's
message); here the nearest key of the rules set is added, matched also by its
Swedish name (``socialnämnden`` → ``socialnamnden``), and where to find them all.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import sys
from collections.abc import Iterable, Iterator, Sequence

from arvode import (
    DEFAULT_RULES,
    ENV_RULES,
    ArvodeError,
    Claim,
    Rules,
    beyond_omrakning,
    find_setting,
    latest_omrakning,
    load_claim,
    load_rules,
    rules_folder,
    with_suggestion,
)

__all__ = [
    "RULES_HELP",
    "add_rules_option",
    "claim_days",
    "load_claims",
    "rules_from",
    "suggesting",
    "warn_stale",
]

RULES_HELP = (f"regelsamlingens mapp eller namn (annars rules i arvode.toml, miljövariabeln {ENV_RULES}, "
              f"eller den medföljande regelsamlingen {DEFAULT_RULES})")


def add_rules_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rules", metavar="MAPP", help=RULES_HELP)


def rules_from(args: argparse.Namespace) -> Rules:
    """The rules a command uses: ``--rules``, ``arvode.toml``, ``ARVODE_RULES`` or the bundled set."""
    setting = find_setting("rules", getattr(args, "rules", None), "--rules")
    if setting is None:
        return load_rules()
    folder = rules_folder(setting.value)
    if setting.origin != "--rules":
        print(f"arvode: regler: {folder.absolute()} (från {setting.origin})", file=sys.stderr)
    return load_rules(folder)


def claim_days(claims: Iterable[Claim]) -> list[dt.date]:
    """The days a claim is priced on: each event's date and the month's first day (årsarvode)."""
    days = []
    for claim in claims:
        days.append(claim.first_day)
        days += [event.date for event in claim.events]
    return days


def warn_stale(rules: Rules, days: Iterable[dt.date]) -> None:
    """One line on stderr when a day lies a year or more after the rules' latest omräkning (6.5)."""
    day = beyond_omrakning(rules, days)
    latest = latest_omrakning(rules)
    if day is None or latest is None:
        return
    print(
        f"arvode: varning: {day.isoformat()} ligger mer än ett år efter den senaste omräkningen i "
        f"regelsamlingen {rules.name} ({latest.isoformat()}, 6.5): beloppen från {latest.isoformat()} används; "
        "lägg in årets omräkning (arvode omrakna) eller ange nyare regler med --rules",
        file=sys.stderr,
    )


@contextlib.contextmanager
def suggesting(rules: Rules) -> Iterator[None]:
    """Errors raised inside name the nearest key of ``rules`` when they are about an unknown key."""
    try:
        yield
    except ArvodeError as exc:
        better = with_suggestion(exc, rules)
        if better is exc:
            raise
        raise better from None


def load_claims(paths: Sequence[str], rules: Rules) -> list[Claim]:
    """Claim files read with ``rules``; an unknown key gets the nearest one."""
    with suggesting(rules):
        return [load_claim(path, rules) for path in paths]

