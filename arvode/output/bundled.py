"""What ships inside the package, reachable after ``pip install``: examples, rules sets, the claim format.

A pip user has no repository: ``arvode check examples/01-…`` gave "no such
file", and KSAPU had no way to get the bundled rules to edit or diff. The
wheel carries them under ``arvode/_data`` (see ``pyproject.toml``) and the
claim format as ``arvode/docs/rapportformat.md``; in a source checkout the
same files are read from the repository. Copies never overwrite: a target
that exists is refused, so a user's own edits are never lost.
"""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import attrs

from arvode.base.errors import ArvodeError, Location
from arvode.rules.load import bundled_rules_dir

__all__ = [
    "BundledError",
    "Example",
    "bundled_examples",
    "bundled_rules_sets",
    "claim_format_document",
    "copy_examples",
    "export_rules",
    "find_example",
    "rules_folder",
]

#: The first line of a bundled example names it in Swedish: ``# Exempel: …``.
TITLE_PREFIX = "# Exempel:"


class BundledError(ArvodeError, ValueError):
    """A bundled file that cannot be found or copied where the user asked."""


@attrs.frozen
class Example:
    """A bundled claim: its name (the file name without ``.yaml``), file and Swedish title."""

    name: str
    path: Path
    title: str


def _data(*parts: str) -> Path | None:
    packaged = resources.files("arvode").joinpath("_data", *parts)
    return Path(str(packaged)) if packaged.is_dir() else None


def examples_dir() -> Path:
    """The bundled examples: inside the wheel, else the source tree's ``examples/``."""
    return _data("examples") or Path(__file__).resolve().parents[2] / "examples"


def _title(path: Path) -> str:
    with path.open(encoding="utf-8") as handle:
        first = handle.readline().strip()
    return first.removeprefix(TITLE_PREFIX).strip() if first.startswith(TITLE_PREFIX) else ""


def bundled_examples() -> list[Example]:
    """Every bundled example claim, in file order."""
    return [Example(p.stem, p, _title(p)) for p in sorted(examples_dir().glob("*.yaml"))]


def find_example(name: str) -> Example:
    """An example by its name, its number (``01``) or the start of its name."""
    examples = bundled_examples()
    wanted = name.removesuffix(".yaml")
    exact = [e for e in examples if e.name == wanted]
    found = exact or [e for e in examples if e.name.startswith(wanted) or e.name.split("-", 1)[0] == wanted]
    if len(found) == 1:
        return found[0]
    names = ", ".join(e.name for e in (found or examples))
    problem = "passar flera exempel" if found else "finns inget sådant exempel"
    raise BundledError(f"{problem}: välj bland {names}", Location(name))


def _empty_target(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise BundledError("finns redan och är ingen mapp", Location(str(target)))
    if target.is_dir() and any(target.iterdir()):
        raise BundledError("mappen är inte tom; ange en ny eller tom mapp (inget skrivs över)",
                           Location(str(target)))


def copy_examples(examples: list[Example], target: Path) -> list[Path]:
    """Copy examples into ``target`` (created if missing); an existing file of the same name is refused."""
    if target.exists() and not target.is_dir():
        raise BundledError("finns redan och är ingen mapp", Location(str(target)))
    for example in examples:
        if (target / example.path.name).exists():
            raise BundledError("finns redan; inget skrivs över", Location(str(target / example.path.name)))
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for example in examples:
        destination = target / example.path.name
        shutil.copyfile(example.path, destination)
        written.append(destination)
    return written


#: The bundled payroll input (a register and a CSV time report of March 2025), beside the claims.
PAYROLL_EXAMPLE = "lonekorning"


def copy_payroll_example(target: Path) -> Path:
    """Copy the payroll example folder into ``target``; an existing folder of that name is refused."""
    destination = target / PAYROLL_EXAMPLE
    if destination.exists():
        raise BundledError("finns redan; inget skrivs över", Location(str(destination)))
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(examples_dir() / PAYROLL_EXAMPLE, destination)
    return destination


def bundled_rules_sets() -> list[str]:
    """The names of the rules sets shipped with arvode (one folder each under ``rules/``)."""
    root = bundled_rules_dir().parent
    return sorted(p.name for p in root.iterdir() if p.is_dir() and any(p.glob("*.yaml")))


def rules_folder(value: str) -> Path:
    """A rules folder as a user names it: a folder, else the name of a bundled set."""
    if not value.strip():  # Path("") is the working folder: an unset "$REGLER" would read its YAML as rules
        raise BundledError(
            f"tom regelmapp: ange en mapp eller en medföljande regelsamling ({', '.join(bundled_rules_sets())})",
            Location('""'),
        )
    path = Path(value)
    if path.is_dir() or "/" in value or "\\" in value:
        return path
    if value in bundled_rules_sets():
        return bundled_rules_dir(value)
    return path


def export_rules(source: Path, target: Path) -> list[Path]:
    """Copy a rules set's YAML files to ``target`` (new or empty), for KSAPU to edit and diff."""
    _empty_target(target)
    files = sorted(source.glob("*.yaml"))
    if not files:
        raise BundledError("inga regelfiler (*.yaml) i mappen", Location(str(source)))
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for file in files:
        destination = target / file.name
        shutil.copyfile(file, destination)
        written.append(destination)
    return written


def claim_format_document() -> Path:
    """The claim format for users, in Swedish (``arvode/docs/rapportformat.md``)."""
    return Path(__file__).resolve().parents[1] / "docs" / "rapportformat.md"
