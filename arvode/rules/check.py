"""``arvode rules check``: every problem of a rules set at once, each with its line.

``load_rules`` stops at the first error, which is right for a calculation and
slow for whoever edits the YAML (KSAPU after a decision, a municipality writing
its own set): fix, rerun, find the next. This checker runs the same parse
functions entry by entry, collecting their ``ArvodeError`` instead of stopping,
then checks the cross-references ``load_rules`` checks (and a few it does not:
cycles of 2.3.5 derivations, kinds a level includes, 6.5's rounding mode).
Finally ``load_rules`` itself runs, so a problem this module does not know
about (a section added later) is still reported, if only its first.

Granularity: a parameter is checked field by field and value by value (its
parser can collect); an organ, kind, level or one dated term of a role reports
its first problem (their parsers are fail-fast). A duplicate key, or a date key
the calendar does not have, is reported and set aside, so the rest of its file
is still checked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import attrs

from arvode.base.errors import ArvodeError, Location, RulesError
from arvode.base.yaml import Node, load_yaml_file
from arvode.rules.catalogue import Role, parse_kind, parse_organ, parse_role
from arvode.rules.declaration import SPECS
from arvode.rules.levels import parse_level
from arvode.rules.load import SECTIONS, Rules, bundled_rules_dir, load_rules
from arvode.rules.modeller import parse_cap_scheme, parse_fee_scheme, parse_line_type
from arvode.rules.params import Parameter, parse_parameter
from arvode.rules.paycodes import parse_pay_code
from arvode.rules.validate import validate

__all__ = ["Report", "check_rules"]

_T = TypeVar("_T")


#: The sections counted in the summary, as a KSAPU secretary calls them.
_SECTION_WORDS = {"parameters": "parametrar", "roles": "uppdrag", "organs": "organ", "kinds": "typer av möten",
                  "levels": "nivåer", "fee_schemes": "arvodesmodeller", "lost_income_caps": "tak för förlorad "
                  "arbetsinkomst"}


@attrs.frozen
class Report:
    """The problems of a rules set, sorted by file and line, and what it defines."""

    directory: Path
    problems: tuple[ArvodeError, ...]
    counts: Mapping[str, int]
    #: Parameters arvode reads that the set does not give (left out or without values):
    #: a claim that needs one is refused, naming it.
    gaps: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.problems:
            return f"{len(self.problems)} fel i {self.directory}"
        counted = ", ".join(f"{n} {_SECTION_WORDS.get(section, section)}" for section, n in self.counts.items())
        return f"inga fel: {counted} i {self.directory}"


class _Collector:
    """Problems in the order found, each once, with a cheap way to try a parse."""

    def __init__(self) -> None:
        self.problems: dict[str, ArvodeError] = {}

    def add(self, error: ArvodeError) -> None:
        self.problems.setdefault(str(error), error)

    def attempt(self, parse: Callable[[], _T]) -> _T | None:
        try:
            return parse()
        except ArvodeError as exc:
            self.add(exc)
            return None

    def sorted(self) -> tuple[ArvodeError, ...]:
        def where(error: ArvodeError) -> tuple[str, int]:
            loc = error.location
            return ("", 0) if loc is None else (loc.file, loc.line or 0)

        return tuple(sorted(self.problems.values(), key=where))


# -- files ------------------------------------------------------------------------------


def _load(path: Path, found: _Collector) -> Node | None:
    """One file's tree; a duplicate key or a date key the calendar does not have is
    reported and its entry left out, so that the rest of the file is still checked."""
    root = found.attempt(partial(load_yaml_file, path, RulesError, set_aside=found.add))
    if root is None:
        return None
    if not root.is_mapping():
        found.add(root.fail(f"väntade en mappning av avsnitt ({', '.join(sorted(SECTIONS))})"))
        return None
    for key, node in root.items():
        if key not in SECTIONS:
            found.add(node.fail(f"okänt avsnitt (ett av {', '.join(map(str, sorted(SECTIONS)))})"))
    return root


def _entries(roots: list[Node], section: str, found: _Collector) -> list[tuple[str, Node]]:
    """Every entry of ``section`` across files; an entry defined twice is reported."""
    seen: dict[str, Node] = {}
    entries = []
    for root in roots:
        node = root.get(section)
        if node is None or node.value is None:
            continue
        if not node.is_mapping():
            found.add(node.fail("väntade en mappning av poster"))
            continue
        for key, entry in node.items():
            if key in seen:
                first = seen[key]
                found.add(entry.fail(f"definierad två gånger (först i {first.file}:{first.line})"))
                continue
            seen[key] = entry
            entries.append((key, entry))
    return entries


# -- entries ----------------------------------------------------------------------------


def _parameters(roots: list[Node], found: _Collector) -> dict[str, Parameter]:
    parameters = {}
    for name, node in _entries(roots, "parameters", found):
        problems: list[ArvodeError] = []
        parameters[name] = parse_parameter(name, node, problems)
        for problem in problems:
            found.add(problem)
    return parameters


def _role(key: str, node: Node, found: _Collector) -> Role | None:
    """A role term by term, so one bad date does not hide the others."""
    values = node.get("values") if node.is_mapping() else None
    if values is None or not values.is_mapping() or not values.mapping():
        return found.attempt(partial(parse_role, key, node))
    parts: list[Role] = []
    for date_key, entry in values.items():
        alone = attrs.evolve(values, value={date_key: entry})
        single = attrs.evolve(node, value={**node.mapping(), "values": alone})
        part = found.attempt(partial(parse_role, key, single))
        if part is not None:
            parts.append(part)
    if not parts:
        return None
    terms = sorted((t for p in parts for t in p.terms), key=lambda t: t.valid_from)
    return attrs.evolve(parts[0], terms=tuple(terms))


def _level_entries(roots: list[Node], found: _Collector) -> list[tuple[int, Node]]:
    entries = []
    for key, node in _entries(roots, "levels", found):
        try:
            entries.append((int(key), node))
        except ValueError:
            found.add(node.fail("nyckeln i levels måste vara ett heltal"))
    return entries


# -- cross-references -------------------------------------------------------------------


# -- the check --------------------------------------------------------------------------


def _any_section(files: list[Path]) -> bool:
    """Whether any file names a top-level section of a rules set (read as lines, not parsed)."""
    wanted = tuple(f"{section}:" for section in SECTIONS)
    for file in files:
        try:
            with file.open(encoding="utf-8", errors="replace") as handle:
                if any(line.startswith(wanted) for line in handle):
                    return True
        except OSError:
            return True  # reported as unreadable by the full check
    return False


def check_rules(directory: str | Path | None = None) -> Report:
    """Every problem of the rules folder ``directory`` (the bundled rules by default).

    Cross-references are checked against the keys a set defines, not only those that
    parsed: an organ with a bad field is reported once, not again by every role in it.
    """
    path = Path(directory) if directory is not None else bundled_rules_dir()
    found = _Collector()
    files = sorted(path.glob("*.yaml")) if path.is_dir() else []
    if not path.is_dir():
        found.add(RulesError("inte en mapp med regler", Location(str(path))))
    elif not files:
        found.add(RulesError("inga *.yaml-filer i regelmappen", Location(str(path))))
    if files and not _any_section(files):
        # A folder of claims or other YAML given by mistake: one line, not a problem per missing parameter.
        found.add(RulesError(f"är ingen regelsamling: ingen *.yaml-fil här har något av avsnitten "
                             f"{', '.join(sorted(SECTIONS))}", Location(str(path))))
        return Report(directory=path, problems=found.sorted(), counts={})
    roots = [root for root in (_load(file, found) for file in files) if root is not None]

    meta: dict[str, Any] = {}
    for root in roots:
        node = root.get("meta")
        if node is not None and node.is_mapping():
            meta.update(node.plain())
    parameters = _parameters(roots, found)
    organ_entries = _entries(roots, "organs", found)
    kind_entries = _entries(roots, "kinds", found)
    role_entries = _entries(roots, "roles", found)
    level_entries = _level_entries(roots, found)
    organs = [organ for key, node in organ_entries
              if (organ := found.attempt(partial(parse_organ, key, node)))]
    kinds = {key: (kind, node) for key, node in kind_entries
             if (kind := found.attempt(partial(parse_kind, key, node)))}
    roles = {key: (role, node) for key, node in role_entries
             if (role := _role(key, node, found))}
    levels = {number: (level, node) for number, node in level_entries
              if (level := found.attempt(partial(parse_level, number, node)))}

    pay_codes = {key: code for key, node in _entries(roots, "pay_codes", found)
                 if (code := found.attempt(partial(parse_pay_code, key, node)))}
    fee_schemes = {key: scheme for key, node in _entries(roots, "fee_schemes", found)
                   if (scheme := found.attempt(partial(parse_fee_scheme, key, node)))}
    caps = {key: cap for key, node in _entries(roots, "lost_income_caps", found)
            if (cap := found.attempt(partial(parse_cap_scheme, key, node)))}
    line_types = {key: line_type for key, node in _entries(roots, "line_types", found)
                  if (line_type := found.attempt(partial(parse_line_type, key, node)))}
    defined: dict[str, list[Any]] = {"organs": [k for k, _ in organ_entries], "kinds": [k for k, _ in kind_entries],
               "roles": [k for k, _ in role_entries], "levels": [n for n, _ in level_entries]}
    validate(Rules(name=path.name, directory=path, parameters=parameters, meta=meta, organs={o.key: o for o in organs},
                   kinds={k: kind for k, (kind, _) in kinds.items()}, roles={k: r for k, (r, _) in roles.items()},
                   levels={n: level for n, (level, _) in levels.items()}, pay_codes=pay_codes,
                   fee_schemes=fee_schemes, lost_income_caps=caps, line_types=line_types), found.add, defined)
    if path.is_dir() and files:
        _safety_net(path, found)
    counts = {
        "parameters": len(parameters),
        "roles": len(roles),
        "organs": len(organs),
        "kinds": len(kinds),
        "levels": len(levels),
        "fee_schemes": len(fee_schemes),
        "lost_income_caps": len(caps),
    }
    gaps = tuple(name for name in SPECS if name not in parameters or not parameters[name].values)
    del meta
    return Report(directory=path, problems=found.sorted(), counts=counts, gaps=gaps)


def _safety_net(path: Path, found: _Collector) -> None:
    """``load_rules``' own verdict, unless it names a place already reported."""
    try:
        load_rules(path)
    except ArvodeError as exc:
        places = {
            (p.location.file, p.location.line) for p in found.problems.values() if p.location
        }
        here = (exc.location.file, exc.location.line) if exc.location else None
        if here not in places:
            found.add(exc)
