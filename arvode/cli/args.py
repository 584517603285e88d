"""Command-line arguments as located, one-line errors (never a traceback or a usage dump).

argparse prints its usage and then the error over several lines, and a converter
such as ``int`` lets ``--year -1`` through to code that cannot handle it. The
parser here reports one line, ``arvode SUBCOMMAND: problem``, exit status 2, and
the converters bound what they accept (years a calendar can compute with).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from typing import Any, NoReturn

from arvode import check_year, parse_day, parse_period, visible

__all__ = ["Parser", "SwedishHelp", "day", "month", "year"]


#: argparse's own messages, in Swedish (the users are Swedish; argparse speaks English).
_MESSAGES = (
    (re.compile(r"the following arguments are required: (.*)"), r"följande argument krävs: \1"),
    (re.compile(r"unrecognized arguments: (.*)"), r"okända argument: \1"),
    (re.compile(r"argument (.*?): invalid choice: (.*) \(choose from (.*)\)"),
     r"argument \1: ogiltigt val \2 (välj bland \3)"),
    (re.compile(r"argument (.*?): invalid (.*?) value: (.*)"), r"argument \1: ogiltigt värde \3"),
    (re.compile(r"argument (.*?): expected one argument"), r"argument \1: ett värde behövs"),
    (re.compile(r"argument (.*?): not allowed with argument (.*)"), r"argument \1: går inte ihop med \2"),
    (re.compile(r"argument (.*?): ambiguous option: (.*)"), r"argument \1: tvetydig flagga: \2"),
)


class SwedishHelp(argparse.HelpFormatter):
    """Help in Swedish: argparse's own words translated."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "användning: " if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help is Swedish and whose errors are one line and exit status 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", SwedishHelp)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argument"
        self._optionals.title = "flaggor"
        for action in self._actions:
            if action.option_strings == ["-h", "--help"]:
                action.help = "visa den här hjälpen och avsluta"

    def error(self, message: str) -> NoReturn:
        for pattern, swedish in _MESSAGES:
            if pattern.fullmatch(message):
                message = pattern.sub(swedish, message)
                break
        # argparse echoes unknown arguments as typed: an escape sequence among them reached the terminal raw.
        self.exit(2, f"{self.prog}: {visible(message)}\n")


def day(text: str) -> dt.date:
    """A date YYYY-MM-DD within the years arvode computes with."""
    try:
        return parse_day(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


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
