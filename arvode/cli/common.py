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
import difflib
import re
import sys
import unicodedata
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
)

__all__ = [
    "RULES_HELP",
    "add_rules_option",
    "claim_days",
    "load_claims",
    "nearest_key",
    "rules_from",
    "suggesting",
    "warn_stale",
    "with_suggestion",
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


# ------------------------------------------------------------------------------------------ keys
_QUOTED = re.compile(r"'([^']*)'")


def _plain(text: str) -> str:
    """A key or a name as a comparable key: ``Barn- och utbildningsnämnden`` → ``barn_och_utbildningsnamnden``."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9.]+", "_", ascii_only).strip("_")


def _vocabulary(field: str, rules: Rules) -> dict[str, str] | None:
    """Key → name of what ``field`` names, or None when it names none of the rules' keys."""
    last = field.rsplit(".", 1)[-1]
    if last == "organ":
        return {k: v.name for k, v in rules.organs.items()}
    if last == "kind":
        return {k: v.name for k, v in rules.kinds.items()}
    if last == "role" or re.search(r"covers\[\d+\]$", field):
        return {k: v.title for k, v in rules.roles.items()}
    return None


def nearest_key(field: str, value: str, rules: Rules) -> tuple[str, str] | None:
    """The key of the rules set nearest ``value`` for ``field``, by key or by Swedish name."""
    vocabulary = _vocabulary(field, rules)
    if not vocabulary or value in vocabulary:
        return None
    wanted = _plain(value)
    candidates: dict[str, str] = {}
    for key, name in vocabulary.items():
        candidates.setdefault(_plain(key), key)
        candidates.setdefault(_plain(name), key)
    if wanted in candidates:
        key = candidates[wanted]
        return key, vocabulary[key]
    close = difflib.get_close_matches(wanted, list(candidates), n=1, cutoff=0.75)
    if not close:
        return None
    key = candidates[close[0]]
    return key, vocabulary[key]


def with_suggestion(error: ArvodeError, rules: Rules) -> ArvodeError:
    """``error`` with the nearest key and where the keys are listed, when it is about an unknown key."""
    field = error.location.field if error.location is not None else None
    if not field or _vocabulary(field, rules) is None:
        return error
    quoted = _QUOTED.search(error.problem)
    if quoted is None or quoted.group(1) in (_vocabulary(field, rules) or {}):
        return error
    found = nearest_key(field, quoted.group(1), rules)
    hint = f"menade du {found[0]} ({found[1]})? " if found else ""
    try:
        return type(error)(f"{error.problem} — {hint}arvode nycklar visar alla nycklar", error.location)
    except TypeError:  # an error class with another signature keeps its own message
        return error


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

