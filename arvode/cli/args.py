"""Command-line arguments as located, one-line errors (never a traceback or a usage dump).

argparse prints its usage and then the error over several lines, and a converter
such as ``int`` lets ``--year -1`` through to code that cannot handle it. The
parser here reports one line, ``arvode SUBCOMMAND: problem``, exit status 2, and
the converters bound what they accept (years a calendar can compute with).
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import NoReturn

from arvode import check_year, parse_period

__all__ = ["Parser", "day", "month", "year"]


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message}\n")


def day(text: str) -> dt.date:
    """A date YYYY-MM-DD within the years arvode computes with."""
    try:
        value = dt.date.fromisoformat(text.strip())
        check_year(value.year)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"väntade ett datum ÅÅÅÅ-MM-DD, fick {text!r} ({exc})") from None
    return value


def year(text: str) -> int:
    """A calendar year within the years arvode computes with."""
    try:
        value = int(text)
        check_year(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"väntade ett år ÅÅÅÅ, fick {text!r} ({exc})") from None
    return value


def month(text: str) -> str:
    """A month YYYY-MM."""
    try:
        return str(parse_period(text))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
