"""``arvode nycklar [--rules MAPP]``: the keys a claim may use, with their Swedish names."""

from __future__ import annotations

import argparse
from typing import Any

from arvode import render_keys
from arvode.cli.commands import HELP
from arvode.cli.common import add_rules_option, rules_from


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "nycklar", help=HELP["nycklar"],
        description="Listar regelsamlingens organ, slag av möten och förrättningar och roller med årsarvode, "
                    "med namnen ur regelsamlingen, och de övriga nycklar en rapport kan ange.",
    )
    add_rules_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    print(render_keys(rules_from(args)))
    return 0
