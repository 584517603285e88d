"""The ``arvode`` command: a thin layer over the library.

Only ``ArvodeError`` is caught: it is printed as one line (``file:line: field:
problem``) and the exit status is 2. Anything else is a bug and keeps its
traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ._claim import load_claim
from ._engine import calculate
from ._errors import ArvodeError
from ._report import render_json, render_text
from ._rules import load_rules

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="arvode",
        description="Pay of elected officials (förtroendevalda), explained by section.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="calculate one or more claim files")
    check.add_argument("claims", nargs="+", metavar="CLAIM.yaml")
    check.add_argument("--json", action="store_true", help="the JSON of the claim contract")
    check.add_argument("--rules", metavar="DIR", help="rules folder (default: bundled Piteå rules)")
    check.set_defaults(run=_check)
    return parser


def _check(args: argparse.Namespace) -> int:
    rules = load_rules(args.rules)
    results = []
    names = []
    for path in args.claims:
        claim = load_claim(path, rules)
        results.append(calculate(claim, rules))
        names.append(claim.official.name)
    if args.json:
        print(render_json(results[0] if len(results) == 1 else results))
    else:
        print("\n\n".join(render_text(r, n) for r, n in zip(results, names, strict=True)))
    return 0


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
