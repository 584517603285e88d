"""The ``arvode`` command: a thin layer over the library.

Each subcommand lives in its own module with a ``register(subparsers)``
function; ``COMMANDS`` lists them. Only ``ArvodeError`` is caught: it is
printed as one line (``file:line: field: problem``) and the exit status is 2;
so is an ``OSError`` about a path the user gave (``path: problem``). Anything
else is a bug and keeps its traceback. A bare ``arvode`` is someone
finding out what the command does: it prints the help and exits 0.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from arvode import ArvodeError, VisibleStream, os_problem
from arvode.cli.args import Parser
from arvode.cli.commands import COMMANDS

__all__ = ["main", "version"]


def version() -> str:
    """The installed version (the source tree's when not installed).

    importlib.metadata is imported here, not at the top: it costs every command about
    10 ms of start-up, and only ``--version`` needs it.
    """
    from importlib import metadata

    try:
        return metadata.version("arvode")
    except metadata.PackageNotFoundError:
        return "okänd version"


class _Version(argparse.Action):
    """``--version``, looked up only when asked for (see ``version``)."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,  # noqa: ARG002
                 values: object, option_string: str | None = None) -> None:  # noqa: ARG002
        print(f"arvode {version()}")
        parser.exit()


def _parser(argv: Sequence[str]) -> argparse.ArgumentParser:
    """The parser, with the chosen subcommand's module loaded and the others as one line each."""
    parser = Parser(
        prog="arvode",
        description="Arvoden och ersättningar till förtroendevalda, varje belopp förklarat med sin paragraf.",
        epilog="Kom igång: arvode mall --fil mars.yaml (en rapport att fylla i), arvode nycklar (organ, "
               "möten, roller), arvode check mars.yaml. Hjälp för ett kommando: arvode KOMMANDO --help.",
    )
    parser.add_argument("--version", action=_Version, help="visa versionen och avsluta")
    sub = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO", title="kommandon")
    chosen = next((a for a in argv if not a.startswith("-")), None)
    for name, (module, text) in COMMANDS.items():
        if name == chosen:
            importlib.import_module(f"arvode.cli.{module}").register(sub)
        else:
            sub.add_parser(name, help=text)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = _parser(arguments)
    if not arguments:
        parser.print_help()
        return 0
    args = parser.parse_args(arguments)
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
    except OSError as exc:
        # A path the user gave that the system refuses before any reader sees it (a name too long
        # for the file system, a folder without permission): was a traceback from Path.is_dir() & co.
        print(f"{exc.filename if exc.filename is not None else 'arvode'}: {os_problem(exc)}", file=sys.stderr)
        return 2
    finally:
        sys.stdout, sys.stderr = out, err


if __name__ == "__main__":
    sys.exit(main())
