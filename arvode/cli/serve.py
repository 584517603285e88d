"""``arvode serve [--port N] [--host ADRESS] [--rules MAPP]``: the check page and the JSON API.

The web stack (Starlette, Jinja2, uvicorn) is imported only when the command
runs, so ``arvode check`` starts as fast as before. Its help is Swedish, as
the pages are: officials read it.
"""

from __future__ import annotations

import argparse
from typing import Any

from arvode.cli.commands import HELP
from arvode.cli.common import RULES_HELP, rules_from


class _SwedishHelp(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "användning: " if prefix is None else prefix)


def _port(text: str) -> int:
    if text.isdigit() and int(text) <= 65535:
        return int(text)
    raise argparse.ArgumentTypeError(f"ogiltigt portnummer {text!r} (0–65535)")


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "serve",
        help=HELP["serve"],
        description=(
            "Startar en webbsida där en förtroendevald fyller i månadens sammanträden och ser "
            "varje belopp med avsnitt och uträkning, Bilaga 1 på ett datum, och ett JSON-API "
            "(/api/v1/check, /api/v1/bilaga, /api/v1/openapi.json). Lyssnar bara på den här "
            "datorn (127.0.0.1) om inget annat anges. Inget som fylls i sparas på servern."
        ),
        formatter_class=_SwedishHelp,
        add_help=False,
    )
    options = parser.add_argument_group("flaggor")
    options.add_argument("-h", "--help", action="help", help="visa den här hjälpen och avsluta")
    options.add_argument("--port", type=_port, default=8000, metavar="N",
                         help="port att lyssna på (standard 8000; 0 väljer en ledig port)")
    options.add_argument("--host", default="127.0.0.1", metavar="ADRESS",
                         help="adress att lyssna på (standard 127.0.0.1, bara den här datorn)")
    options.add_argument("--rules", metavar="MAPP", help=RULES_HELP)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    rules = rules_from(args)
    from arvode.web.server import serve  # the web stack only when serving

    return serve(rules, args.host, args.port)
