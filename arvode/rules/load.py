"""A rules set: a folder of YAML files, loaded and checked as one.

A municipality is a folder, not code. Every ``*.yaml`` file in the folder may
hold any of the top-level sections ``meta``, ``parameters``, ``organs``,
``kinds``, ``fee_schemes``, ``lost_income_caps``, ``line_types``, ``roles``,
``levels`` and ``pay_codes``; a key defined twice across files is an error.
Loading checks the cross-references (a scheme's parameters, a
role's organ, a derived role's ordförande) and reports ``file:line: field:
problem``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from arvode.base.errors import Location, RulesError
from arvode.base.yaml import Node, load_yaml_file
from arvode.rules.catalogue import Kind, Organ, Role, parse_kind, parse_organ, parse_role
from arvode.rules.compiled import Compiled
from arvode.rules.declaration import AVSNITT, SPECS, ParameterTable
from arvode.rules.levels import Level, parse_level
from arvode.rules.modeller import CapScheme, FeeScheme, LineType, parse_cap_scheme, parse_fee_scheme, parse_line_type
from arvode.rules.params import DatedValue, Parameter, parse_parameter
from arvode.rules.paycodes import PayCode, parse_pay_code
from arvode.rules.validate import first_problem, validate

__all__ = ["DEFAULT_RULES", "Rules", "bundled_rules_dir", "load_rules"]

DEFAULT_RULES = "pitea"
SECTIONS = frozenset({"meta", "parameters", "organs", "kinds", "fee_schemes", "lost_income_caps", "line_types",
                      "roles", "levels", "pay_codes"})

@attrs.frozen
class Rules:
    """One municipality's rules, as in force over time."""

    name: str
    directory: Path
    parameters: Mapping[str, Parameter]
    organs: Mapping[str, Organ]
    kinds: Mapping[str, Kind]
    roles: Mapping[str, Role]
    levels: Mapping[int, Level]
    meta: Mapping[str, Any] = attrs.field(factory=dict)
    pay_codes: Mapping[str, PayCode] = attrs.field(factory=dict)
    fee_schemes: Mapping[str, FeeScheme] = attrs.field(factory=dict)
    lost_income_caps: Mapping[str, CapScheme] = attrs.field(factory=dict)
    #: Line types the set adds to the claim contract's (an inläsningsarvode).
    line_types: Mapping[str, LineType] = attrs.field(factory=dict)
    #: The parameters compiled into one table per rules version (built once, at load).
    compiled: Compiled = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "compiled", Compiled(self.parameters, self.first_day, self.name))

    @property
    def first_day(self) -> dt.date | None:
        """The first day the set applies: ``meta.from``, else the first day of its earliest kind.

        Before it no rules are in force at all; a value dated earlier (a basbelopp of the
        year before) is still read by name.
        """
        given = self.meta.get("from")
        if isinstance(given, dt.date):
            return given
        kinds = [kind.valid_from for kind in self.kinds.values()]
        return min(kinds) if kinds else None

    def avsnitt(self, check: str) -> str:
        """The set's own section for a check arvode makes in every set (``meta.avsnitt``).

        Refusing a late, implausible, repeated or otherwise paid event is the engine's,
        but the section it cites is the municipality's: the default set's is 6.1, another
        set has its own or none, and then the refusal names the check instead of a
        section number that belongs to someone else's regulation.
        """
        given = self.meta.get("avsnitt")
        found = given.get(check) if isinstance(given, Mapping) else None
        return str(found) if found else AVSNITT[check]

    def on(self, day: dt.date) -> ParameterTable:
        """The parameters in force on ``day``, one typed field each."""
        return self.compiled.on(day)

    def value(self, name: str, day: dt.date) -> DatedValue[Any]:
        """The value of parameter ``name`` in force on ``day`` (for rules data that names one)."""
        if name not in self.parameters and name not in SPECS:
            raise RulesError(f"regelsamlingen har ingen parameter {name!r}", Location(str(self.directory)))
        return self.compiled.value(name, day)


def bundled_rules_dir(name: str = DEFAULT_RULES) -> Path:
    """The rules shipped with arvode: inside the wheel, else the source tree."""
    packaged = resources.files("arvode") / "_data" / "rules" / name
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "rules" / name


def _collect(
    roots: list[Node], section: str, parse: Any, into: dict[Any, Any], key_type: type = str
) -> None:
    seen: dict[Any, Node] = {}
    for root in roots:
        node = root.get(section)
        if node is None:
            continue
        for key, entry in node.items():
            typed_key: Any = key
            if key_type is int:
                try:
                    typed_key = int(key)
                except ValueError:
                    raise entry.fail(f"nyckeln i {section} måste vara ett heltal") from None
            if typed_key in seen:
                first = seen[typed_key]
                raise entry.fail(f"definierad två gånger (först i {first.file}:{first.line})")
            seen[typed_key] = entry
            into[typed_key] = parse(typed_key, entry)


def load_rules(directory: str | Path | None = None) -> Rules:
    """Load and check a rules folder; the default bundled set (``DEFAULT_RULES``) by default."""
    path = Path(directory) if directory is not None else bundled_rules_dir()
    if not path.is_dir():
        raise RulesError("inte en mapp med regler", Location(str(path)))
    files = sorted(path.glob("*.yaml"))
    if not files:
        raise RulesError("inga *.yaml-filer i regelmappen", Location(str(path)))
    roots = [load_yaml_file(file, RulesError) for file in files]
    if not any(root.is_mapping() and any(key in SECTIONS for key, _ in root.items()) for root in roots):
        raise RulesError(f"är ingen regelsamling: ingen *.yaml-fil här har något av avsnitten "
                         f"{', '.join(sorted(SECTIONS))}", Location(str(path)))
    meta: dict[str, Any] = {}
    for root in roots:
        for key, node in root.items():
            if key not in SECTIONS:
                raise node.fail(f"okänt avsnitt (ett av {', '.join(map(str, sorted(SECTIONS)))})")
        given = root.get("meta")
        if given is not None:
            if not given.is_mapping():
                raise given.fail("meta ska vara en mappning (name, municipality, regulation, from, gaps …)")
            meta.update(given.plain())
    parameters: dict[str, Parameter] = {}
    organs: dict[str, Organ] = {}
    kinds: dict[str, Kind] = {}
    roles: dict[str, Role] = {}
    levels: dict[int, Level] = {}
    pay_codes: dict[str, PayCode] = {}
    fee_schemes: dict[str, FeeScheme] = {}
    caps: dict[str, CapScheme] = {}
    line_types: dict[str, LineType] = {}
    _collect(roots, "parameters", parse_parameter, parameters)
    _collect(roots, "fee_schemes", parse_fee_scheme, fee_schemes)
    _collect(roots, "lost_income_caps", parse_cap_scheme, caps)
    _collect(roots, "line_types", parse_line_type, line_types)
    _collect(roots, "organs", parse_organ, organs)
    _collect(roots, "kinds", parse_kind, kinds)
    _collect(roots, "roles", parse_role, roles)
    _collect(roots, "levels", parse_level, levels, key_type=int)
    _collect(roots, "pay_codes", parse_pay_code, pay_codes)
    rules = Rules(
        name=str(meta.get("name", path.name)),
        directory=path,
        parameters=parameters,
        organs=organs,
        kinds=kinds,
        roles=roles,
        levels=levels,
        meta=meta,
        pay_codes=pay_codes,
        fee_schemes=fee_schemes,
        lost_income_caps=caps,
        line_types=line_types,
    )
    validate(rules, first_problem)
    return rules
