"""The ``arvode`` command: a thin layer over the library.

Each subcommand lives in its own module with a ``register(subparsers)``
function; ``COMMANDS`` lists them. Only ``ArvodeError`` is caught: it is
printed as one line (``file:line: field: problem``) and the exit status is 2.
Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from arvode.base.errors import ArvodeError
from arvode.base.text import VisibleStream
from arvode.cli.args import Parser

from . import aterbetalning, bilaga, check, omrakna, payroll, pension, record, rules, serve, year

__all__ = ["main"]

#: Subcommand modules, in the order ``arvode --help`` lists them.
COMMANDS = [check, year, payroll, record, pension, aterbetalning, omrakna, bilaga, rules, serve]


def _parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="arvode",
        description="Pay of elected officials (förtroendevalda), explained by section.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    out, err = sys.stdout, sys.stderr
    # Nothing from an input reaches the terminal as a control sequence (ids, names, texts).
    sys.stdout, sys.stderr = VisibleStream(out), VisibleStream(err)
    try:
        return int(args.run(args))
    except ArvodeError as exc:
        print(f"arvode: {exc}" if exc.location is None else str(exc), file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    finally:
        sys.stdout, sys.stderr = out, err


if __name__ == "__main__":
    sys.exit(main())
