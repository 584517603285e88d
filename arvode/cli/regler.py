"""``arvode regler exportera MAPP`` and ``arvode regler kontrollera [MAPP]``: a rules set to edit and check.

A pip user had no way to get the bundled rules: they live inside the installed
package. KSAPU exports them to a folder, edits the YAML, diffs it against the
next export, checks it, and points ``arvode.toml`` at it.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from arvode import bundled_rules_dir, export_rules, find_setting, format_count, rules_folder
from arvode.cli.commands import HELP
from arvode.cli.common import RULES_HELP
from arvode.cli.rules import add_check_arguments


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "regler", help=HELP["regler"],
        description="Regelsamlingen är en mapp med YAML-filer. Exportera den för att ändra eller jämföra "
                    "(diff), kontrollera den, och ange den med --rules eller rules = \"MAPP\" i arvode.toml.",
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ÅTGÄRD", title="åtgärder")
    export = actions.add_parser("exportera", help="kopiera en regelsamling till en ny eller tom mapp")
    export.add_argument("target", metavar="MAPP", help="mappen att kopiera till (ny eller tom)")
    export.add_argument("--rules", metavar="MAPP", help=RULES_HELP)
    export.set_defaults(run=run_export)
    check = actions.add_parser(
        "kontrollera", help="visa varje problem i en regelsamling (slutstatus 2 om det finns något)"
    )
    add_check_arguments(check)


def run_export(args: argparse.Namespace) -> int:
    setting = find_setting("rules", args.rules, "--rules")
    source = rules_folder(setting.value) if setting is not None else bundled_rules_dir()
    origin = f" (från {setting.origin})" if setting is not None and setting.origin != "--rules" else ""
    written = export_rules(source, Path(args.target))
    files = format_count(len(written), "fil", "filer")
    print(f"Regelsamlingen i {source}{origin} är kopierad till {args.target}: {files}.")
    print(f"Kontrollera ändringar med: arvode regler kontrollera {args.target}")
    print(f"Använd den med: arvode check --rules {args.target} RAPPORT.yaml, eller skriv "
          f"rules = \"{args.target}\" i arvode.toml")
    return 0
