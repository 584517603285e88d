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

from . import aterbetalning, bilaga, check, omrakna, payroll, pension, rules, serve, year

__all__ = ["main"]

#: Subcommand modules, in the order ``arvode --help`` lists them.
COMMANDS = [check, year, payroll, pension, aterbetalning, omrakna, bilaga, rules, serve]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="arvode",
        description="Pay of elected officials (förtroendevalda), explained by section.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return int(args.run(args))
    except ArvodeError as exc:
        print(f"arvode: {exc}" if exc.location is None else str(exc), file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
