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
from typing import TypeVar

import attrs

from arvode.base.errors import ArvodeError, Location, RulesError
from arvode.base.yaml import Node, load_yaml_file
from arvode.rules.catalogue import Kind, Role, parse_kind, parse_organ, parse_role
from arvode.rules.levels import Level, parse_level
from arvode.rules.load import REQUIRED_PARAMETERS, SECTIONS, bundled_rules_dir, load_rules
from arvode.rules.omrakning import MODE_PARAMETER
from arvode.rules.params import Parameter, parse_parameter

__all__ = ["Report", "check_rules"]

_T = TypeVar("_T")


@attrs.frozen
class Report:
    """The problems of a rules set, sorted by file and line, and what it defines."""

    directory: Path
    problems: tuple[ArvodeError, ...]
    counts: Mapping[str, int]

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.problems:
            return f"{len(self.problems)} problem(s) in {self.directory}"
        counted = ", ".join(f"{n} {section}" for section, n in self.counts.items())
        return f"ok: {counted} in {self.directory}"


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
        found.add(root.fail(f"expected a mapping of sections ({', '.join(sorted(SECTIONS))})"))
        return None
    for key, node in root.items():
        if key not in SECTIONS:
            found.add(node.fail(f"unknown section (expected one of {sorted(SECTIONS)})"))
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
            found.add(node.fail("expected a mapping of entries"))
            continue
        for key, entry in node.items():
            if key in seen:
                first = seen[key]
                found.add(entry.fail(f"defined twice (first at {first.file}:{first.line})"))
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
            found.add(node.fail("levels key must be a whole number"))
    return entries


# -- cross-references -------------------------------------------------------------------


def _field(node: Node, key: str) -> Node:
    child = node.get(key) if node.is_mapping() else None
    return child if child is not None else node


def _check_kinds(kinds: dict[str, tuple[Kind, Node]], parameters: Mapping[str, Parameter],
                 found: _Collector) -> None:
    for kind, node in kinds.values():
        for field, share in (("fee_share", kind.fee_share),
                             ("lost_income_share", kind.lost_income_share)):
            if share is not None and share not in parameters:
                found.add(_field(node, field).fail(
                    f"names parameter {share!r}, which the rules set does not define"
                ))


def _check_roles(roles: dict[str, tuple[Role, Node]], role_keys: set[str], organs: set[str],
                 levels: set[int], found: _Collector) -> None:
    for key, (role, node) in roles.items():
        if role.organ not in organs:
            found.add(_field(node, "organ").fail(
                f"organ {role.organ!r} is not among the rules set's organs"
            ))
        for terms in role.terms:
            where = Location(terms.file, terms.line, f"roles.{key}.values.{terms.valid_from}")
            if terms.derived_from is not None and terms.derived_from not in role_keys:
                found.add(RulesError(
                    f"derived_from {terms.derived_from!r}, which is not a role", where
                ))
            for included in terms.includes:
                if included not in role_keys:
                    found.add(RulesError(f"includes {included!r}, which is not a role", where))
            for level in (terms.level, terms.election_year_level):
                if levels and level is not None and level not in levels:
                    found.add(RulesError(
                        f"unknown level {level} (levels: {sorted(levels)})", where
                    ))
    edges = {
        key: {t.derived_from for t in role.terms if t.derived_from is not None
              and t.derived_from in roles}
        for key, (role, _) in roles.items()
    }
    for cycle in _cycles(edges):
        first = roles[cycle[0]][0].terms[0]
        found.add(RulesError(
            f"derived_from goes round in a circle ({' → '.join(cycle)}): 2.3.5 needs an "
            f"ordförande with a percent of its own",
            Location(first.file, first.line, f"roles.{cycle[0]}"),
        ))


def _cycles(edges: Mapping[str, set[str]]) -> list[list[str]]:
    """Each cycle of the derivation graph once (depth-first, sorted for a stable report)."""
    state: dict[str, bool] = {}  # False: on the current path; True: done
    cycles: list[list[str]] = []

    def visit(key: str, path: list[str]) -> None:
        state[key] = False
        path.append(key)
        for target in sorted(edges.get(key, set())):
            if state.get(target) is False:
                cycles.append([*path[path.index(target):], target])
            elif target not in state:
                visit(target, path)
        path.pop()
        state[key] = True

    for key in sorted(edges):
        if key not in state:
            visit(key, [])
    return cycles


def _check_levels(levels: Mapping[int, tuple[Level, Node]], kinds: set[str],
                  found: _Collector) -> None:
    for level, node in levels.values():
        includes = _field(node, "includes")
        items = includes.value if isinstance(includes.value, list) else []
        for index, inclusion in enumerate(level.includes):
            if inclusion.kind not in kinds:
                item = items[index] if index < len(items) else includes
                found.add(_field(item, "kind").fail(
                    f"includes kind {inclusion.kind!r}, which is not a kind"
                ))


def _check_parameters(parameters: Mapping[str, Parameter], directory: Path,
                      found: _Collector) -> None:
    missing = sorted(REQUIRED_PARAMETERS - set(parameters))
    if missing:
        found.add(RulesError(
            f"missing required parameters: {', '.join(missing)}", Location(str(directory))
        ))
    marked = [p for p in parameters.values() if p.omrakning is not None]
    if marked and MODE_PARAMETER not in parameters:
        first = marked[0].omrakning
        assert first is not None
        found.add(RulesError(
            f"amounts are marked for omräkning (6.5) but parameter {MODE_PARAMETER!r}, the "
            f"rounding of an exact half, is missing",
            Location(first.file, first.line, f"{marked[0].name}.omrakning"),
        ))


# -- the check --------------------------------------------------------------------------


def check_rules(directory: str | Path | None = None) -> Report:
    """Every problem of the rules folder ``directory`` (the bundled rules by default).

    Cross-references are checked against the keys a set defines, not only those that
    parsed: an organ with a bad field is reported once, not again by every role in it.
    """
    path = Path(directory) if directory is not None else bundled_rules_dir()
    found = _Collector()
    files = sorted(path.glob("*.yaml")) if path.is_dir() else []
    if not path.is_dir():
        found.add(RulesError("not a rules folder", Location(str(path))))
    elif not files:
        found.add(RulesError("no *.yaml files in the rules folder", Location(str(path))))
    roots = [root for root in (_load(file, found) for file in files) if root is not None]

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

    _check_parameters(parameters, path, found)
    _check_kinds(kinds, parameters, found)
    _check_roles(roles, {k for k, _ in role_entries}, {k for k, _ in organ_entries},
                 {n for n, _ in level_entries}, found)
    _check_levels(levels, {k for k, _ in kind_entries}, found)
    if path.is_dir() and files:
        _safety_net(path, found)
    counts = {
        "parameters": len(parameters),
        "roles": len(roles),
        "organs": len(organs),
        "kinds": len(kinds),
        "levels": len(levels),
    }
    return Report(directory=path, problems=found.sorted(), counts=counts)


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
