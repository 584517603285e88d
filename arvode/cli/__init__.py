"""The ``arvode`` command: a thin layer over the library.

Each subcommand lives in its own module with a ``register(subparsers)``
function; ``COMMANDS`` lists them. Only ``ArvodeError`` is caught: it is
printed as one line (``file:line: field: problem``) and the exit status is 2.
Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from arvode import ArvodeError, VisibleStream
from arvode.cli.args import Parser
from arvode.cli.commands import COMMANDS

__all__ = ["main"]


def _parser(argv: Sequence[str]) -> argparse.ArgumentParser:
    """The parser, with the chosen subcommand's module loaded and the others as one line each."""
    parser = Parser(
        prog="arvode",
        description="Arvoden och ersättningar till förtroendevalda, varje belopp förklarat med sin paragraf.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO")
    chosen = next((a for a in argv if not a.startswith("-")), None)
    for name, (module, text) in COMMANDS.items():
        if name == chosen:
            importlib.import_module(f"arvode.cli.{module}").register(sub)
        else:
            sub.add_parser(name, help=text)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = _parser(arguments).parse_args(arguments)
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
